// Selection and re-ranking: scorers that adjust the blended score (fatigue, "not interested") and
// selectors that build the page (topic spread, exploration and traffic-pool slots, spacing).
export { SpacingSelector, DEFAULT_SPACING, type SpacingOptions } from './spacing.js';
export { TopicSpreadSelector, type TopicSpreadOptions } from './topic-spread.js';
export { ExplorationSelector, type ExplorationOptions } from './exploration.js';
export {
  TrafficPools,
  judge,
  type TrafficPoolOptions,
  type PoolStanding,
  type LevelBar,
  type PooledVideo,
} from './traffic-pools.js';
export { TrafficPoolSource } from './traffic-pool-source.js';
export { TrafficPoolSelector, type TrafficPoolSlotOptions } from './traffic-pool-selector.js';
export { SessionFatigueScorer, type FatigueOptions } from './fatigue.js';
export { NotInterestedScorer, type NotInterestedOptions } from './not-interested.js';
export { InterestBanditScorer, type InterestBanditOptions } from './interest-bandit.js';
export { addReason } from './reasons.js';
export { rerankStage, trafficPoolOptions, type RerankStage, type RerankStores } from './stage.js';
