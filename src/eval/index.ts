// Offline evaluation: dataset loaders, splits, metrics, the evaluator and MovieLens import.
export { DatasetError } from './errors.js';
export {
  IdIndexer,
  InteractionColumns,
  buildInteractions,
  selectRows,
  rowsWhere,
  groupRows,
  type Interactions,
  type ItemMeta,
  type DatasetFormat,
} from './interactions.js';
export * from './loaders/index.js';
export * from './splits/index.js';
export * from './metrics/index.js';
export { numpyRandom, shuffleInPlace, type Random } from './rng.js';
export { evaluateModel, type EvaluateOptions, type EvaluationResult } from './evaluate.js';
export { PROTOCOLS, PROTOCOL_DESCRIPTIONS, isProtocol, splitByProtocol, type Protocol } from './protocols.js';
export { runEvaluation, formatResultsTable, type RunOptions, type RunReport } from './run.js';
export {
  movieLensToRecords,
  engagementForRating,
  genreTag,
  syntheticDurationMs,
  type MovieLensRecords,
  type MovieLensImportOptions,
} from './movielens-import.js';
export {
  fetchMovieLens,
  isMovieLensName,
  MOVIELENS_DATASETS,
  MOVIELENS_LICENCE,
  type MovieLensName,
  type FetchResult,
} from './fetch.js';
export { extractZip, listZip, readZipEntry, crc32, type ZipEntry } from './zip.js';
export { SourcesRecommender, SOURCES_MODEL } from './sources-recommender.js';
