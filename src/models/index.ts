// Recommender models. Imports only src/core.
export type { Recommender, TrainingData, Exclusion } from './types.js';
export { topK, recommend } from './topk.js';
export { binaryRows, rowOf, type SparseRows } from './sparse.js';
export { choleskyInPlace, invertSpdInPlace, solveSpd, NotPositiveDefiniteError } from './linalg.js';
export { RandomRecommender } from './random.js';
export { MostPopularRecommender } from './most-popular.js';
export { ItemKnnRecommender, type ItemKnnOptions } from './item-knn.js';
export { EaseRecommender, EASE_DEFAULT_LAMBDA, easeWeights, gramMatrix, type EaseOptions } from './ease.js';
export {
  IalsRecommender,
  IALS_DEFAULTS,
  conjugateGradientRow,
  gramian,
  weightedRows,
  CgScratch,
  type IalsOptions,
  type WeightedRows,
} from './ials.js';
export {
  BASELINE_NAMES,
  MODEL_NAMES,
  createModel,
  createBaseline,
  isModelName,
  type BaselineName,
  type BaselineOptions,
  type ModelName,
  type ModelOptions,
} from './registry.js';
