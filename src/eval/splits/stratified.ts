// Microsoft Recommenders' `python_stratified_split`, faithfully: every user's (or item's)
// interactions get a uniform random key from NumPy's MT19937 seeded with `seed`, in file row
// order; within the group, sorted by key, the i-th of n interactions (1-based) goes to the first
// split whose cumulative ratio r satisfies i/n <= r. With ratio 0.75 a user with n ratings keeps
// floor(0.75 n) in train (i/n computed in float64, exactly as pandas does). `minRating` is, as in
// their code, a minimum COUNT of interactions per group, applied before splitting.
import { groupRows, selectRows, type Interactions } from '../interactions.js';
import { numpyRandom, type Random } from '../rng.js';
import { filterByCount } from './filters.js';

export interface StratifiedOptions {
  /** Train fraction, or several fractions (normalised to sum 1) for more than two splits. */
  ratio?: number | number[];
  filterBy?: 'user' | 'item';
  minRating?: number;
  seed?: number;
  /** Replace NumPy's generator (the result then no longer matches Microsoft Recommenders'). */
  random?: Random;
}

function ratios(ratio: number | number[]): number[] {
  if (typeof ratio === 'number') {
    if (!(ratio > 0 && ratio < 1)) throw new RangeError('split ratio must be between 0 and 1');
    return [ratio, 1 - ratio];
  }
  if (ratio.some((r) => !(r > 0))) throw new RangeError('every split ratio must be positive');
  const total = ratio.reduce((a, b) => a + b, 0);
  return total === 1 ? ratio : ratio.map((r) => r / total);
}

export function stratifiedSplitParts(data: Interactions, options: StratifiedOptions = {}): Interactions[] {
  const parts = ratios(options.ratio ?? 0.75);
  const by = options.filterBy ?? 'user';
  const filtered = filterByCount(data, by, options.minRating ?? 1);
  const random = options.random ?? numpyRandom(options.seed ?? 42);
  const keys = new Float64Array(filtered.length);
  for (let r = 0; r < filtered.length; r++) keys[r] = random();
  const thresholds: number[] = [];
  parts.reduce((acc, p) => (thresholds.push(acc + p), acc + p), 0);
  const { offsets, rows } = groupRows(filtered, by);
  const assigned: number[][] = parts.map(() => []);
  for (let g = 0; g + 1 < offsets.length; g++) {
    const group = Array.from(rows.subarray(offsets[g]!, offsets[g + 1]!));
    group.sort((a, b) => keys[a]! - keys[b]! || a - b);
    const n = group.length;
    for (let i = 0; i < n; i++) {
      const rank = (i + 1) / n;
      let part = thresholds.findIndex((t) => rank <= t);
      // float rounding of cumulative ratios must never drop the last interaction
      if (part === -1) part = parts.length - 1;
      assigned[part]!.push(group[i]!);
    }
  }
  return assigned.map((rowList) =>
    selectRows(
      filtered,
      rowList.sort((a, b) => a - b),
    ),
  );
}

/** The two-way split used by the Microsoft Recommenders MovieLens benchmark (ratio 0.75, seed 42). */
export function stratifiedSplit(
  data: Interactions,
  options: StratifiedOptions = {},
): { train: Interactions; test: Interactions } {
  const [train, test] = stratifiedSplitParts(data, options);
  return { train: train!, test: test! };
}
