export { Engine, type EngineOptions } from './engine.js';
export { registryDir, trainDataDir, trainEmbedding } from './train.js';
