// The first feed pipeline, assembled from configuration: trending and newest recall, history
// exclusion, a trending/freshness blend, and creator spacing.
import type { Config, PipelineConfig } from '../core/index.js';
import { ItemFeatureHydrator, BlendScorer } from '../rank/index.js';
import { NewestSource, TrendingSource } from '../recall/index.js';
import { CreatorSpacingSelector } from '../rerank/index.js';
import type { CatalogStore, ItemStatsStore, SeenStore, ServedStore, UserStore } from '../store/index.js';
import { ActiveItemFilter, ExcludedFilter } from './filters.js';
import { HistoryHydrator, UserHydrator } from './hydrators.js';
import { ServedLogEffect } from './side-effects.js';

export interface PipelineStores {
  catalog: CatalogStore;
  users: UserStore;
  stats: ItemStatsStore;
  seen: SeenStore;
  served: ServedStore;
}

export function defaultPipelineConfig(stores: PipelineStores, feed: Config['feed']): PipelineConfig {
  const { trending, newest } = feed.sources;
  return {
    queryHydrators: [new UserHydrator(stores.users), new HistoryHydrator(stores.seen, stores.served)],
    sources: [
      ...(trending.enabled
        ? [new TrendingSource(stores.stats, stores.catalog, trending.quota, trending.timeoutMs)]
        : []),
      ...(newest.enabled ? [new NewestSource(stores.catalog, newest.quota, newest.timeoutMs)] : []),
    ],
    filters: [new ExcludedFilter(), new ActiveItemFilter()],
    featureHydrators: [new ItemFeatureHydrator(stores.stats, feed.freshnessHalfLifeMs)],
    scorers: [new BlendScorer(feed.weights)],
    selectors: [new CreatorSpacingSelector()],
    sideEffects: [new ServedLogEffect(stores.served)],
  };
}
