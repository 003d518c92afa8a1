// The pairwise order of scores against a graded target (Harrell's C): over the pairs whose targets
// differ, the share the scores put in the same order, ties in score counting 1/2. For a 0/1 target
// it is the AUC; for watch time it says how often a model ranks the longer-watched impression of
// two above the other. O(n log n): in order of target, a Fenwick tree over score ranks counts the
// earlier (lower-target) impressions scored below and level with each one.

export function concordance(targets: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = targets.length;
  if (scores.length !== n) throw new RangeError('targets and scores differ in length');
  // score ranks, 1-based, equal scores sharing one
  const byScore = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const rank = new Int32Array(n);
  let ranks = 0;
  byScore.forEach((i, t) => {
    if (t === 0 || scores[i] !== scores[byScore[t - 1]!]) ranks++;
    rank[i] = ranks;
  });
  const tree = new Float64Array(ranks + 1);
  const below = (r: number): number => {
    let c = 0;
    for (let k = r; k > 0; k -= k & -k) c += tree[k]!;
    return c;
  };
  const byTarget = Array.from({ length: n }, (_, i) => i).sort((a, b) => targets[a]! - targets[b]!);
  let concordant = 0;
  let pairs = 0;
  let inserted = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && targets[byTarget[j + 1]!] === targets[byTarget[i]!]) j++;
    for (let t = i; t <= j; t++) {
      const r = rank[byTarget[t]!]!;
      const less = below(r - 1);
      concordant += less + 0.5 * (below(r) - less);
    }
    pairs += (j - i + 1) * inserted;
    for (let t = i; t <= j; t++) for (let k = rank[byTarget[t]!]!; k <= ranks; k += k & -k) tree[k]!++;
    inserted += j - i + 1;
    i = j + 1;
  }
  return pairs > 0 ? concordant / pairs : Number.NaN;
}
