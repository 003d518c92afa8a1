// Training data for the collaborative models from the event log: every (user, video) pair with a
// positive summed engagement weight (configuration `eventWeights`, watches by watch ratio), which
// implicit ALS takes as its confidence. The id maps go with it, so a trained model can serve.
import { scanLog, type EventLog } from '../log/index.js';
import type { SignalReader } from '../stream/index.js';

export interface LogInteractions {
  nUsers: number;
  nItems: number;
  length: number;
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array;
  timestamp: Float64Array;
  userIds: string[];
  itemIds: string[];
  /** Per partition, the log offset read up to (inclusive). */
  upTo: number[];
}

const CHUNK = 10_000;

export interface LogInteractionOptions {
  /** Only events at or after this time, ms since the epoch. */
  since?: number;
  onProgress?: (read: number, total: number) => void;
}

export function interactionsFromLog(
  log: EventLog,
  signals: SignalReader,
  options: LogInteractionOptions = {},
): LogInteractions {
  const builder = new InteractionBuilder();
  const upTo = Array.from({ length: log.partitions }, (_, p) => log.endOffset(p));
  const total = upTo.reduce((a, b) => a + b, 0);
  const since = options.since ?? -Infinity;
  let read = 0;
  for (const batch of scanLog(log, CHUNK)) {
    for (const { event, partition, offset } of batch) {
      if (offset > upTo[partition]!) continue; // appended after the scan began
      if (!event.itemId) continue;
      const ts = Date.parse(event.timestamp);
      if (ts < since) continue;
      builder.add(event.userId, event.itemId, signals.read(event).weight, ts);
    }
    read += batch.length;
    options.onProgress?.(read, total);
  }
  return builder.build(upTo);
}

/**
 * Sums engagement per (user, video) pair, numbering users and videos in the order they first
 * engage; what every source of training data (the log, the warehouse) feeds, so they agree.
 */
export class InteractionBuilder {
  private readonly users = new Map<string, number>();
  private readonly items = new Map<string, number>();
  // (user, item) -> [summed weight, latest time]
  private readonly pairs = new Map<number, [number, number]>();
  private readonly keys: { u: number; i: number }[] = [];

  private static index(map: Map<string, number>, id: string): number {
    let i = map.get(id);
    if (i === undefined) map.set(id, (i = map.size));
    return i;
  }

  add(userId: string, itemId: string, weight: number, ts: number): void {
    if (weight === 0) return;
    const u = InteractionBuilder.index(this.users, userId);
    const i = InteractionBuilder.index(this.items, itemId);
    // Pair keys fit in a double while users x items < 2^53.
    const key = u * 0x100000000 + i;
    const cur = this.pairs.get(key);
    if (cur) {
      cur[0] += weight;
      cur[1] = Math.max(cur[1], ts);
    } else {
      this.pairs.set(key, [weight, ts]);
      this.keys.push({ u, i });
    }
  }

  /** The pairs whose summed weight is positive. */
  build(upTo: number[]): LogInteractions {
    const kept = this.keys.filter(({ u, i }) => this.pairs.get(u * 0x100000000 + i)![0] > 0);
    const out: LogInteractions = {
      nUsers: this.users.size,
      nItems: this.items.size,
      length: kept.length,
      user: new Int32Array(kept.length),
      item: new Int32Array(kept.length),
      rating: new Float32Array(kept.length),
      timestamp: new Float64Array(kept.length),
      userIds: [...this.users.keys()],
      itemIds: [...this.items.keys()],
      upTo,
    };
    kept.forEach(({ u, i }, k) => {
      const [w, ts] = this.pairs.get(u * 0x100000000 + i)!;
      out.user[k] = u;
      out.item[k] = i;
      out.rating[k] = w;
      out.timestamp[k] = ts;
    });
    return out;
  }
}
