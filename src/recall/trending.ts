// Trending: items by exponentially decayed engagement (see the item-engagement processor).
import type { CatalogItem, FeedQuery, SourcedItem, SourceSettings } from '../core/index.js';
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

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const out: SourcedItem[] = [];
    const now = query.request.now;
    for (const entry of this.resolved(now)) {
      if (query.exclude.has(entry.item.id)) continue;
      out.push({ entry, score: this.stats.scoreAt(entry.item.id, now) });
      if (out.length >= limit) break;
    }
    return out;
  }

  private resolvedFor: readonly string[] | null = null;
  private resolvedList: CatalogItem[] = [];

  /** The ranking joined with the catalog once per ranking, not once per request. */
  private resolved(now: number): CatalogItem[] {
    const ranking = this.stats.ranking(now);
    if (ranking !== this.resolvedFor) {
      this.resolvedList = [];
      for (const itemId of ranking) {
        const entry = this.catalog.get(itemId);
        if (entry && entry.item.status === 'active') this.resolvedList.push(entry);
      }
      this.resolvedFor = ranking;
    }
    return this.resolvedList;
  }
}
