// Trending: items by exponentially decayed engagement (see the item-engagement processor).
import type { FeedQuery, SourcedItem, SourceSettings } from '../core/index.js';
import { ConfiguredSource } from './source.js';
import type { CatalogStore, ItemStatsStore } from '../store/index.js';

export class TrendingSource extends ConfiguredSource {
  constructor(
    private readonly stats: ItemStatsStore,
    private readonly catalog: CatalogStore,
    settings: SourceSettings,
  ) {
    super('trending', settings);
  }

  /**
   * Walks the ranking from the top, so a request reads about `limit` entries by ordinal whatever
   * the ranking's length, and a ranking changed by the last batch costs nothing to resolve.
   */
  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const out: SourcedItem[] = [];
    const now = query.request.now;
    for (const ordinal of this.stats.ranking(now)) {
      const entry = this.catalog.at(ordinal);
      if (!entry || entry.item.status !== 'active' || query.exclude.has(entry.item.id)) continue;
      out.push({ entry, score: this.stats.scoreAtOrdinal(ordinal, now) });
      if (out.length >= limit) break;
    }
    return out;
  }
}
