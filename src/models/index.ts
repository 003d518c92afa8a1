// Recommender models. Imports only src/core.
export type { Recommender, TrainingData, Exclusion } from './types.js';
export { topK, recommend } from './topk.js';
export { binaryRows, rowOf, type SparseRows } from './sparse.js';
export { RandomRecommender } from './random.js';
export { MostPopularRecommender } from './most-popular.js';
export { ItemKnnRecommender, type ItemKnnOptions } from './item-knn.js';
export { BASELINE_NAMES, createBaseline, type BaselineName, type BaselineOptions } from './registry.js';
