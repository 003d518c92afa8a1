// Turns events into engagement deltas per item (the weights are configuration): the decayed score
// behind trending, the lifetime counters behind the quality and fresh pools, and the same counters
// in 1 h / 24 h / 7 d windows (velocity, recent quality). One pass, one group, one transaction.
import type { Event } from '../core/index.js';
import { eventTime, type LogRecord } from '../log/index.js';
import type { EngagementDelta, ItemCounters, ItemStatsStore, ItemWindowsStore } from '../store/index.js';
import type { Processor } from './processor.js';
import type { Signal, SignalReader } from './signals.js';

function counts(event: Event, signal: Signal): Partial<ItemCounters> | undefined {
  switch (event.type) {
    case 'impression':
      return { impressions: 1 };
    case 'watch':
      return { plays: 1, watchSum: Math.min(signal.ratio, 1), completions: signal.completed ? 1 : 0 };
    case 'skip':
      return { plays: 1, skips: 1, watchSum: Math.min(signal.ratio, 1) };
    case 'like':
      return { likes: 1 };
    case 'unlike':
      return { likes: -1 };
    case 'share':
      return { shares: 1 };
    default:
      return undefined;
  }
}

/** Expiry of old window buckets runs at most this often (a 5-minute bucket ages out every 5 minutes). */
const EXPIRE_EVERY_MS = 60_000;

export class EngagementProcessor implements Processor {
  readonly group = 'item-engagement';
  private lastExpiry = -Infinity;

  constructor(
    private readonly stats: ItemStatsStore,
    private readonly signals: SignalReader,
    /** Windowed counters; without it only the decayed score and lifetime counters are kept. */
    private readonly windows?: ItemWindowsStore,
  ) {}

  process(records: readonly LogRecord[]): () => void {
    const deltas: EngagementDelta[] = [];
    for (const r of records) {
      const event = r.event;
      if (!event.itemId) continue;
      const signal = this.signals.read(event);
      const c = counts(event, signal);
      if (signal.weight === 0 && !c) continue;
      deltas.push({
        itemId: event.itemId,
        weight: signal.weight,
        ts: eventTime(r),
        ...(c ? { counts: c } : {}),
      });
    }
    const publishStats = this.stats.stage(deltas);
    const publishWindows = this.windows?.stage(deltas);
    return () => {
      publishStats();
      publishWindows?.();
    };
  }

  expire(now: number): (() => void) | void {
    if (!this.windows || (now >= this.lastExpiry && now - this.lastExpiry < EXPIRE_EVERY_MS)) return;
    // Set before the transaction commits: if it fails, the next try is a minute on, which is harmless.
    this.lastExpiry = now;
    return this.windows.expire(now);
  }
}
