// The default feed pipeline, assembled from configuration: every candidate source that is enabled,
// history exclusion, a trending/freshness blend plus the learned ranking model, and the re-rank
// stage (src/rerank, `feed.rerank`): fatigue and "not interested" scorers, then topic spread,
// exploration and traffic-pool slots, and spacing.
import {
  parseConfig,
  type CandidateSource,
  type Config,
  type PipelineConfig,
  type SourceSettings,
} from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import {
  BlendScorer,
  ContextFeatureHydrator,
  ItemFeatureHydrator,
  LearnedScorer,
  RecallFusionHydrator,
  UserItemFeatureHydrator,
  type LearnedScorerSettings,
  type RankerModel,
} from '../rank/index.js';
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
import { rerankStage, type TrafficPools } from '../rerank/index.js';
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
  /** The learned ranking model being served (follows the registry). */
  ranker: RankerModel;
  /** Topics of each item (content analysis). */
  labeller: ItemLabeller;
  /**
   * New-video traffic pools, rebuilt by the owner's maintenance; when absent the pipeline keeps its
   * own, rebuilt on the request path when stale.
   */
  trafficPools?: TrafficPools;
}

type SourceName = keyof Config['feed']['sources'];

const DEFAULT_PROFILE = parseConfig({}).profile;

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

export function defaultPipelineConfig(
  stores: PipelineStores,
  feed: Config['feed'],
  learned: LearnedScorerSettings,
  /** The profile processor's settings: "not interested" fades with its affinities' half-life. */
  profile: Pick<Config['profile'], 'halfLifeMs'> = DEFAULT_PROFILE,
): PipelineConfig {
  const rerank = rerankStage(stores, feed.rerank, profile.halfLifeMs, feed.recall.followingWindowMs);
  // The traffic pools' source last: a candidate others found too keeps their name.
  const sources = [...candidateSources(stores, feed), ...rerank.sources];
  const learnedScorer = new LearnedScorer(stores.ranker, learned);
  return {
    queryHydrators: [
      new UserHydrator(stores.users),
      new ProfileHydrator(stores.profiles),
      new HistoryHydrator(stores.seen, stores.served),
      learnedScorer, // pins the model version the request starts with
      ...rerank.queryHydrators,
    ],
    sources,
    filters: [new ExcludedFilter(), new ActiveItemFilter()],
    featureHydrators: [
      new ItemFeatureHydrator(stores.stats, feed.freshnessHalfLifeMs, stores.windows),
      new RecallFusionHydrator(sources),
      new UserItemFeatureHydrator(stores.labeller),
      new ContextFeatureHydrator(stores.labeller),
    ],
    scorers: [new BlendScorer(feed.weights), learnedScorer, ...rerank.scorers],
    selectors: rerank.selectors,
    sideEffects: [new ServedLogEffect(stores.served)],
  };
}
