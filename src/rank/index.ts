// Feature assembly and scorers.
export { ItemFeatureHydrator, RecallFusionHydrator, fusionTerm } from './features.js';
export { BlendScorer, type BlendWeights } from './blend-scorer.js';
export { UserItemFeatureHydrator } from './user-features.js';
export { ContextFeatureHydrator, momentFeatures } from './context-features.js';
export {
  RankerModel,
  LearnedScorer,
  type LoadedRanker,
  type LearnedScorerSettings,
  type RankerModelOptions,
} from './ranker.js';
export { CLIENT_MODEL } from './client-model.js';
