// Metrics for rankers that output a probability per impression.
//   AUC     = P(score of a random positive > score of a random negative), ties counting 1/2
//             (Mann-Whitney U from average ranks)
//   GAUC    = sum_u n_u AUC_u / sum_u n_u over users having both classes, n_u = the user's
//             impressions; users with a single class are skipped
//   logloss = -mean(y log p + (1-y) log(1-p)), p clipped to [1e-15, 1 - 1e-15]

export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (scores.length !== n) throw new RangeError('labels and scores differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (labels[order[t]!]! > 0) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** GAUC as above; `metric` (default auc) may be another per-user metric, e.g. concordance for a graded target. */
export function gauc(
  users: ArrayLike<number>,
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  metric: (labels: number[], scores: number[]) => number = auc,
): number {
  const byUser = new Map<number, number[]>();
  for (let i = 0; i < users.length; i++) {
    const u = users[i]!;
    let rows = byUser.get(u);
    if (!rows) byUser.set(u, (rows = []));
    rows.push(i);
  }
  let weighted = 0;
  let weight = 0;
  for (const rows of byUser.values()) {
    const value = metric(
      rows.map((r) => labels[r]!),
      rows.map((r) => scores[r]!),
    );
    if (Number.isNaN(value)) continue;
    weighted += rows.length * value;
    weight += rows.length;
  }
  return weight > 0 ? weighted / weight : Number.NaN;
}

const EPS = 1e-15;

/**
 * Mean cross-entropy, probabilities clipped to [1e-15, 1 - 1e-15]. Labels are in [0, 1]: 0/1 for a
 * binary target, a fraction for a soft one (a watch ratio), where it is the cross-entropy against a
 * Bernoulli of that mean.
 */
export function logloss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, probabilities[i]!));
    const y = labels[i]!;
    if (!(y >= 0 && y <= 1)) throw new RangeError(`logloss label ${y} at ${i} is not in [0, 1]`);
    sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  return labels.length > 0 ? sum / labels.length : Number.NaN;
}
