// The default feed pipeline, assembled from configuration: every candidate source that is enabled,
// history exclusion, a trending/freshness blend, and creator spacing.
import type { CandidateSource, Config, PipelineConfig, SourceSettings } from '../core/index.js';
import { BlendScorer, ItemFeatureHydrator, RecallFusionHydrator } from '../rank/index.js';
import {
  CoEngagementSource,
  FollowingSource,
  FreshSource,
  QualitySource,
  TrendingSource,
  VectorSource,
  type QualityPools,
  type VectorSpaces,
} from '../recall/index.js';
import { CreatorSpacingSelector } from '../rerank/index.js';
import type {
  CatalogStore,
  CoVisitStore,
  ItemStatsStore,
  ItemWindowsStore,
  ProfileStore,
  SeenStore,
  ServedStore,
  UserStore,
} from '../store/index.js';
import { ActiveItemFilter, ExcludedFilter } from './filters.js';
import { HistoryHydrator, ProfileHydrator, UserHydrator } from './hydrators.js';
import { ServedLogEffect } from './side-effects.js';

export interface PipelineStores {
  catalog: CatalogStore;
  users: UserStore;
  stats: ItemStatsStore;
  windows: ItemWindowsStore;
  seen: SeenStore;
  served: ServedStore;
  profiles: ProfileStore;
  coVisits: CoVisitStore;
  qualityPools: QualityPools;
  spaces: VectorSpaces;
}

type SourceName = keyof Config['feed']['sources'];

/** The configured sources, in the order the pipeline merges them (earlier ones name a candidate's source). */
export function candidateSources(stores: PipelineStores, feed: Config['feed']): CandidateSource[] {
  const r = feed.recall;
  const build: Record<SourceName, (settings: SourceSettings) => CandidateSource> = {
    coEngagement: (s) =>
      new CoEngagementSource(
        stores.coVisits,
        stores.catalog,
        { seeds: r.coEngagementSeeds, popularityExponent: r.coEngagementPopularityExponent },
        s,
      ),
    embedding: (s) =>
      new VectorSource('embedding', () => stores.spaces.collaborative, stores.catalog, r.vectorSeeds, s),
    content: (s) =>
      new VectorSource('content', () => stores.spaces.content, stores.catalog, r.vectorSeeds, s),
    following: (s) => new FollowingSource(stores.catalog, r.followingWindowMs, s),
    trending: (s) => new TrendingSource(stores.stats, stores.catalog, s),
    quality: (s) => new QualitySource(stores.qualityPools, s),
    fresh: (s) =>
      new FreshSource(
        stores.catalog,
        stores.stats,
        { windowMs: r.freshWindowMs, maxImpressions: r.freshMaxImpressions },
        s,
      ),
  };
  const sources: CandidateSource[] = [];
  for (const [name, s] of Object.entries(feed.sources) as [
    SourceName,
    Config['feed']['sources'][SourceName],
  ][]) {
    if (s.enabled) sources.push(build[name](s));
  }
  return sources;
}

export function defaultPipelineConfig(stores: PipelineStores, feed: Config['feed']): PipelineConfig {
  const sources = candidateSources(stores, feed);
  return {
    queryHydrators: [
      new UserHydrator(stores.users),
      new ProfileHydrator(stores.profiles),
      new HistoryHydrator(stores.seen, stores.served),
    ],
    sources,
    filters: [new ExcludedFilter(), new ActiveItemFilter()],
    featureHydrators: [
      new ItemFeatureHydrator(stores.stats, feed.freshnessHalfLifeMs, stores.windows),
      new RecallFusionHydrator(sources),
    ],
    scorers: [new BlendScorer(feed.weights)],
    selectors: [new CreatorSpacingSelector()],
    sideEffects: [new ServedLogEffect(stores.served)],
  };
}
