// Turns events into engagement deltas per item (the weights are configuration): the decayed score
// behind trending, and the lifetime counters behind the quality and fresh pools.
import type { Event } from '../core/index.js';
import type { LogRecord } from '../log/index.js';
import type { EngagementDelta, ItemCounters, ItemStatsStore } from '../store/index.js';
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

export class EngagementProcessor implements Processor {
  readonly group = 'item-engagement';

  constructor(
    private readonly stats: ItemStatsStore,
    private readonly signals: SignalReader,
  ) {}

  process(records: readonly LogRecord[]): () => void {
    const deltas: EngagementDelta[] = [];
    for (const { event } of records) {
      if (!event.itemId) continue;
      const signal = this.signals.read(event);
      const c = counts(event, signal);
      if (signal.weight === 0 && !c) continue;
      deltas.push({
        itemId: event.itemId,
        weight: signal.weight,
        ts: Date.parse(event.timestamp),
        ...(c ? { counts: c } : {}),
      });
    }
    return this.stats.stage(deltas);
  }
}
