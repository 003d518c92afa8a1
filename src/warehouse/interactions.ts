// Training data for the collaborative models from the event log: every (user, video) pair with a
// positive summed engagement weight (configuration `eventWeights`, watches by watch ratio), which
// implicit ALS takes as its confidence. The id maps go with it, so a trained model can serve.
import type { EventLog } from '../log/index.js';
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
  /** Log offset read up to (inclusive). */
  upTo: number;
}

const CHUNK = 10_000;

export interface LogInteractionOptions {
  /** Only events at or after this time, ms since the epoch. */
  since?: number;
  onProgress?: (offset: number, last: number) => void;
}

export function interactionsFromLog(
  log: EventLog,
  signals: SignalReader,
  options: LogInteractionOptions = {},
): LogInteractions {
  const users = new Map<string, number>();
  const items = new Map<string, number>();
  const index = (map: Map<string, number>, id: string) => {
    let i = map.get(id);
    if (i === undefined) map.set(id, (i = map.size));
    return i;
  };
  // (user, item) -> [summed weight, latest time]
  const pairs = new Map<number, [number, number]>();
  const last = log.lastOffset();
  const since = options.since ?? -Infinity;
  const keys: { u: number; i: number }[] = [];
  for (let after = 0; after < last;) {
    const batch = log.read(after, CHUNK);
    if (batch.length === 0) break;
    for (const { event } of batch) {
      if (!event.itemId) continue;
      const ts = Date.parse(event.timestamp);
      if (ts < since) continue;
      const { weight } = signals.read(event);
      if (weight === 0) continue;
      const u = index(users, event.userId);
      const i = index(items, event.itemId);
      // Pair keys fit in a double while users x items < 2^53.
      const key = u * 0x100000000 + i;
      const cur = pairs.get(key);
      if (cur) {
        cur[0] += weight;
        cur[1] = Math.max(cur[1], ts);
      } else {
        pairs.set(key, [weight, ts]);
        keys.push({ u, i });
      }
    }
    after = batch[batch.length - 1]!.offset;
    options.onProgress?.(after, last);
  }
  const kept = keys.filter(({ u, i }) => pairs.get(u * 0x100000000 + i)![0] > 0);
  const out: LogInteractions = {
    nUsers: users.size,
    nItems: items.size,
    length: kept.length,
    user: new Int32Array(kept.length),
    item: new Int32Array(kept.length),
    rating: new Float32Array(kept.length),
    timestamp: new Float64Array(kept.length),
    userIds: [...users.keys()],
    itemIds: [...items.keys()],
    upTo: last,
  };
  kept.forEach(({ u, i }, k) => {
    const [w, ts] = pairs.get(u * 0x100000000 + i)!;
    out.user[k] = u;
    out.item[k] = i;
    out.rating[k] = w;
    out.timestamp[k] = ts;
  });
  return out;
}
