// Feature assembly and scorers.
export { ItemFeatureHydrator } from './features.js';
export { BlendScorer, type BlendWeights } from './blend-scorer.js';
