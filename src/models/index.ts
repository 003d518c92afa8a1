// Recommender models, their artifact files and the model registry. Imports only src/core (and node:).
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
export { BprRecommender, BPR_DEFAULTS, type BprOptions } from './bpr.js';
export {
  BASELINE_NAMES,
  MODEL_NAMES,
  createModel,
  modelFromArtifact,
  isModelName,
  type BaselineName,
  type ModelName,
  type ModelOptions,
} from './registry.js';
export {
  ARTIFACT_EXTENSION,
  ARTIFACT_FORMAT_VERSION,
  ARTIFACT_MAGIC,
  ArtifactError,
  createArtifact,
  decodeArtifact,
  encodeArtifact,
  isSerializable,
  loadArtifact,
  saveArtifact,
  trainingSummary,
  type ArtifactContext,
  type JsonObject,
  type JsonValue,
  type ModelArtifact,
  type ModelState,
  type Section,
  type SectionData,
  type SectionType,
  type Serializable,
} from './artifact.js';
export {
  ModelRegistry,
  MODEL_FILE,
  META_FILE,
  type ModelVersionMeta,
  type RegisterMeta,
  type RegisteredVersion,
} from './model-registry.js';
export { foldInUser, type FoldInModel } from './fold-in.js';
export {
  FtrlModel,
  FTRL_DEFAULTS,
  featureIndex,
  ftrlOptions,
  sigmoid,
  type FtrlOptions,
  type SparseVector,
} from './ftrl.js';
export {
  MultiTaskFtrl,
  MULTI_TASK_FTRL,
  RANKER_MODEL,
  HEADS,
  DEFAULT_HEAD_WEIGHTS,
  MODEL_FEATURE_PREFIX,
  blend,
  encodeFeatures,
  rankerInput,
  type FeatureInput,
  type Head,
  type HeadScores,
  type HeadWeights,
  type ObjectiveWeights,
  FeatureIndexCache,
  WATCH_TIME_UNIT_MS,
} from './multi-task-ftrl.js';
export { GbdtModel, GBDT_MODEL, type GbdtFitInfo, type TreeEnsemble } from './gbdt.js';
export {
  GBDT_DEFAULTS,
  GBDT_OBJECTIVES,
  gbdtOptions,
  isGbdtObjective,
  type GbdtObjective,
  type GbdtOptions,
} from './gbdt-options.js';
export { quantileCuts, binMatrix, localBin, type QuantileCuts, type BinMatrix } from './gbdt-histogram.js';
export {
  FactorizationMachine,
  FM_DEFAULTS,
  FM_MODEL,
  fmOptions,
  type FmGradient,
  type FmOptions,
} from './fm.js';
export { MultiTaskMlp, MLP_MODEL, type MlpGradient } from './mlp.js';
export { MLP_DEFAULTS, mlpOptions, type MlpOptions } from './mlp-options.js';
export {
  FtrlRanker,
  FmRanker,
  MlpRanker,
  encodeExamples,
  headLabels,
  predictEach,
  type HeadPredictions,
  type LabelledExample,
  type OfflineRanker,
  type RankingExample,
} from './ranking-offline.js';
export { GbdtRanker, denseRows, denseSchema, schemaWidth, type DenseSchema } from './ranking-gbdt.js';
