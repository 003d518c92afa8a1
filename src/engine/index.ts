export { Engine, type EngineOptions } from './engine.js';
export { registryDir, trainDataDir, trainEmbedding } from './train.js';
export { learnDataDir, learnerOptions, type LearnLoopOptions, type LearnSummary } from './learn.js';
