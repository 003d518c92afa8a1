// Feature assembly and scorers.
export { ItemFeatureHydrator, RecallFusionHydrator, fusionTerm } from './features.js';
export { BlendScorer, type BlendWeights } from './blend-scorer.js';
