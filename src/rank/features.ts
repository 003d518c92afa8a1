// Item features every candidate gets, whichever source found it: age, freshness, trending score.
import type { Candidate, FeatureHydrator, FeedQuery } from '../core/index.js';
import type { ItemStatsStore } from '../store/index.js';

export class ItemFeatureHydrator implements FeatureHydrator {
  readonly name = 'item_features';

  constructor(
    private readonly stats: ItemStatsStore,
    private readonly freshnessHalfLifeMs: number,
  ) {}

  hydrate(query: FeedQuery, candidates: Candidate[]): void {
    const now = query.request.now;
    for (const c of candidates) {
      const ageMs = Math.max(0, now - c.entry.createdAtMs);
      c.features.age_hours = ageMs / 3_600_000;
      c.features.freshness = Math.pow(0.5, ageMs / this.freshnessHalfLifeMs);
      c.features.trending = this.stats.scoreAt(c.itemId, now);
    }
  }
}
