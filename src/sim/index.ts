// The simulated short-video world: catalog, users, behaviour, policies, runner and reports.
export {
  generateWorld,
  TOPICS_PER_VIDEO,
  type World,
  type WorldOptions,
  type Topic,
  type SimCreator,
  type VideoHidden,
} from './world.js';
export { generateUsers, startSession, driftInterests, type SimUser, type UserOptions } from './users.js';
export {
  BEHAVIOUR,
  appeal,
  baseAppeal,
  expectedWatchMs,
  sampleView,
  newOutcome,
  type ViewOutcome,
} from './behaviour.js';
export { pairNormal } from './rng.js';
export type { Policy, Recommendation } from './policies/policy.js';
export { RandomPolicy, PopularPolicy } from './policies/baselines.js';
export { OraclePolicy } from './policies/oracle.js';
export { FeedPolicy, type FeedPolicyOptions } from './policies/feed.js';
export { HttpFeedPolicy, HttpError, type HttpFeedPolicyOptions } from './policies/http.js';
export { runSimulation, oracleFactory, type SimulationOptions, type PolicyFactory } from './runner.js';
export { comparePolicies, POLICY_NAMES, type PolicyName, type CompareOptions } from './compare.js';
export { gini, swipesToReach, type SimReport } from './metrics.js';
export { formatReports } from './format.js';
export { startBackgroundUsers, type BackgroundOptions, type BackgroundUsers } from './background.js';
