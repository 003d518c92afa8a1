// Turns events into engagement deltas per item (the weights are configuration) and folds them
// into the decayed item scores behind the trending source.
import type { Config, Event } from '../core/index.js';
import type { LogRecord } from '../log/index.js';
import type { CatalogStore, EngagementDelta, ItemStatsStore } from '../store/index.js';
import type { Processor } from './processor.js';

/** Watch time counts by how much of the video was watched, loops included, capped at 3 plays. */
export function watchRatio(event: Event, catalogDurationMs: number | undefined): number {
  const duration = event.durationMs ?? catalogDurationMs;
  if (!duration || event.watchMs === undefined) return 0;
  return Math.min(event.watchMs / duration, 3);
}

export function engagementWeight(
  event: Event,
  weights: Config['eventWeights'],
  catalogDurationMs: number | undefined,
): number {
  const w = weights[event.type];
  return event.type === 'watch' ? w * watchRatio(event, catalogDurationMs) : w;
}

export class EngagementProcessor implements Processor {
  readonly group = 'item-engagement';

  constructor(
    private readonly stats: ItemStatsStore,
    private readonly catalog: CatalogStore,
    private readonly weights: Config['eventWeights'],
  ) {}

  process(records: readonly LogRecord[]): () => void {
    const deltas: EngagementDelta[] = [];
    for (const { event } of records) {
      if (!event.itemId) continue;
      const weight = engagementWeight(event, this.weights, this.catalog.get(event.itemId)?.item.durationMs);
      if (weight !== 0) deltas.push({ itemId: event.itemId, weight, ts: Date.parse(event.timestamp) });
    }
    return this.stats.stage(deltas);
  }
}
