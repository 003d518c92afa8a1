// The re-rank stage assembled from configuration (`feed.rerank`): which rules run, with their
// knobs, as the pipeline's components. The order is part of the design:
// - scorers (after the blend and the learned model): session fatigue, "not interested", and the
//   cold-start interest bandit;
// - selectors: topic spread lays out the page, followed creators' new videos, exploration and then
//   the traffic pools take their reserved slots, and spacing comes last, since it is the one hard rule: it moves a video at most
//   a place or two when the earlier choices put one creator or sound side by side, and cuts the
//   list to the page.
import type { CandidateSource, Config, QueryHydrator, Scorer, Selector } from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import { ExplorationSelector } from './exploration.js';
import { FollowingSlotSelector } from './following-slot.js';
import { SessionFatigueScorer, type CatalogLookup, type ServedView } from './fatigue.js';
import { InterestBanditScorer } from './interest-bandit.js';
import { NotInterestedScorer } from './not-interested.js';
import { SpacingSelector } from './spacing.js';
import { TopicSpreadSelector } from './topic-spread.js';
import { TrafficPoolSelector } from './traffic-pool-selector.js';
import { TrafficPoolSource } from './traffic-pool-source.js';
import type { CounterView } from './counters.js';
import { TrafficPools, type CatalogView, type TrafficPoolOptions } from './traffic-pools.js';

type RerankConfig = Config['feed']['rerank'];

export interface RerankStores {
  catalog: CatalogView & CatalogLookup;
  stats: CounterView;
  served: ServedView;
  labeller: ItemLabeller;
  /**
   * The traffic pools, when their owner rebuilds them in its maintenance (the engine). Without
   * them the stage makes its own, rebuilt by the pool source on the request path when stale.
   */
  trafficPools?: TrafficPools;
}

export interface RerankStage {
  queryHydrators: QueryHydrator[];
  /** The traffic pools' source, to run with the other candidate sources. */
  sources: CandidateSource[];
  scorers: Scorer[];
  selectors: Selector[];
}

export function trafficPoolOptions(rerank: RerankConfig): TrafficPoolOptions {
  const { caps, maxAgeMs, priorPlays, minCohort, rebuildEveryMs } = rerank.trafficPools;
  return { caps, maxAgeMs, priorPlays, minCohort, rebuildEveryMs };
}

export function rerankStage(
  stores: RerankStores,
  rerank: RerankConfig,
  /** The profile's affinity half-life (`profile.halfLifeMs`): "not interested" fades with it. */
  profileHalfLifeMs: number,
  /** The following source's window (`feed.recall.followingWindowMs`): what a followed upload's slot takes. */
  followingWindowMs: number,
): RerankStage {
  const stage: RerankStage = { queryHydrators: [], sources: [], scorers: [], selectors: [] };
  const {
    spacing,
    topicSpread,
    following,
    exploration,
    trafficPools,
    fatigue,
    notInterested,
    interestBandit,
  } = rerank;
  if (fatigue.enabled) {
    const scorer = new SessionFatigueScorer(stores.served, stores.catalog, stores.labeller, fatigue);
    stage.queryHydrators.push(scorer); // counts the session once per request
    stage.scorers.push(scorer);
  }
  if (notInterested.enabled) {
    stage.scorers.push(new NotInterestedScorer(stores.labeller, notInterested, profileHalfLifeMs));
  }
  if (interestBandit.enabled) {
    const { enabled: _, ...options } = interestBandit;
    const bandit = new InterestBanditScorer(stores.served, stores.catalog, stores.labeller, options);
    stage.queryHydrators.push(bandit); // counts the session's pulls and wins once per request
    stage.scorers.push(bandit);
  }
  if (topicSpread.enabled) stage.selectors.push(new TopicSpreadSelector(stores.labeller, topicSpread));
  if (following.enabled)
    stage.selectors.push(
      new FollowingSlotSelector(stores.served, stores.catalog, {
        slots: following.slots,
        maxAgeMs: followingWindowMs,
      }),
    );
  if (exploration.enabled) stage.selectors.push(new ExplorationSelector(stores.stats, exploration));
  if (trafficPools.enabled) {
    // The owner's pools when built with these options (an experiment arm may change them), else
    // the pipeline's own, rebuilt on the request path.
    const options = trafficPoolOptions(rerank);
    const shared = stores.trafficPools;
    const owned = shared !== undefined && JSON.stringify(shared.options) === JSON.stringify(options);
    const pools = owned ? shared : new TrafficPools(stores.catalog, stores.stats, options);
    stage.sources.push(new TrafficPoolSource(pools, trafficPools, !owned));
    stage.selectors.push(new TrafficPoolSelector(pools, trafficPools));
  }
  if (spacing.enabled) stage.selectors.push(new SpacingSelector(spacing));
  return stage;
}
