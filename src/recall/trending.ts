// Trending: items by exponentially decayed engagement (see the item-engagement processor).
import type { CandidateSource, FeedQuery, SourcedItem } from '../core/index.js';
import type { CatalogStore, ItemStatsStore } from '../store/index.js';

export class TrendingSource implements CandidateSource {
  readonly name = 'trending';

  constructor(
    private readonly stats: ItemStatsStore,
    private readonly catalog: CatalogStore,
    readonly quota: number,
    readonly timeoutMs: number,
  ) {}

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const out: SourcedItem[] = [];
    // Ask for enough that the user's exclusions still leave `limit`.
    for (const { itemId, score } of this.stats.top(limit + query.exclude.size, query.request.now)) {
      if (query.exclude.has(itemId)) continue;
      const entry = this.catalog.get(itemId);
      if (!entry || entry.item.status !== 'active') continue;
      out.push({ entry, score });
      if (out.length >= limit) break;
    }
    return out;
  }
}
