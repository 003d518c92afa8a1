// Top-k ranking metrics with Microsoft Recommenders' definitions (recommenders.evaluation.
// python_evaluation, relevancy_method='top_k'). For one user with top-k list L (|L| <= k) and
// relevant test set R (binary relevance), hits at 1-based ranks r_1 < r_2 < ...:
//   precision@k = |L ∩ R| / k            (k, not |L|, as in MSR and Spark)
//   recall@k    = |L ∩ R| / |R|
//   ndcg@k      = sum_hits 1/log2(1+r) / sum_{i=1..min(|R|,k)} 1/log2(1+i)
//   map         = sum_{j} (j / r_j) / |R|          (MSR `map`: divided by all relevant items)
//   map@k       = sum_{j} (j / r_j) / min(|R|, k)  (MSR `map_at_k`, Spark's meanAveragePrecisionAt)
//   hit@k       = 1 if |L ∩ R| > 0
//   mrr@k       = 1 / r_1, 0 without a hit
// Each is averaged over the users that have at least one relevant item.

export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  mapAtK: number;
  hit: number;
  mrr: number;
}

export const RANKING_METRIC_NAMES: readonly (keyof RankingMetrics)[] = [
  'precision', 'recall', 'ndcg', 'map', 'mapAtK', 'hit', 'mrr',
]; // prettier-ignore

/** The metrics of one user's top-k list; `relevant` must be non-empty. */
export function userRankingMetrics(
  ranked: ArrayLike<number>,
  relevant: ReadonlySet<number>,
  k: number,
): RankingMetrics {
  if (relevant.size === 0) throw new RangeError('a user needs at least one relevant item');
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  let firstHit = 0;
  const n = Math.min(ranked.length, k);
  for (let i = 0; i < n; i++) {
    if (!relevant.has(ranked[i]!)) continue;
    hits++;
    const rank = i + 1;
    dcg += 1 / Math.log2(1 + rank);
    precisionSum += hits / rank;
    if (firstHit === 0) firstHit = rank;
  }
  let idcg = 0;
  const ideal = Math.min(relevant.size, k);
  for (let i = 1; i <= ideal; i++) idcg += 1 / Math.log2(1 + i);
  return {
    precision: hits / k,
    recall: hits / relevant.size,
    ndcg: dcg / idcg,
    map: precisionSum / relevant.size,
    mapAtK: precisionSum / ideal,
    hit: hits > 0 ? 1 : 0,
    mrr: firstHit > 0 ? 1 / firstHit : 0,
  };
}

export const precisionAtK = (ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number) =>
  userRankingMetrics(ranked, relevant, k).precision;
export const recallAtK = (ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number) =>
  userRankingMetrics(ranked, relevant, k).recall;
export const ndcgAtK = (ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number) =>
  userRankingMetrics(ranked, relevant, k).ndcg;

/** Averages per-user metrics. */
export class RankingAccumulator {
  private readonly sums: RankingMetrics = {
    precision: 0,
    recall: 0,
    ndcg: 0,
    map: 0,
    mapAtK: 0,
    hit: 0,
    mrr: 0,
  };
  users = 0;

  add(metrics: RankingMetrics): void {
    for (const name of RANKING_METRIC_NAMES) this.sums[name] += metrics[name];
    this.users++;
  }

  mean(): RankingMetrics {
    const out = { ...this.sums };
    for (const name of RANKING_METRIC_NAMES) out[name] = this.users > 0 ? out[name] / this.users : 0;
    return out;
  }
}
