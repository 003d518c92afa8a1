export {
  userRankingMetrics,
  precisionAtK,
  recallAtK,
  ndcgAtK,
  RankingAccumulator,
  RANKING_METRIC_NAMES,
  type RankingMetrics,
} from './ranking.js';
export {
  catalogCoverage,
  novelty,
  intraListDiversity,
  featureCosine,
  cooccurrenceCosine,
  type ItemSimilarity,
} from './beyond.js';
export { auc, gauc, logloss } from './classification.js';
export { concordance } from './concordance.js';
export { rmse, mae } from './rating.js';
