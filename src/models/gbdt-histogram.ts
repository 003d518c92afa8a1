// Feature quantisation and gradient histograms for the histogram GBDT (gbdt.ts).
//
// Each feature's non-missing values are cut into at most `maxBin` bins at quantiles of the
// training data, the way xgboost's `hist` method cuts them: bin b of a feature holds the values in
// [cut_{b-1}, cut_b) (cut_{-1} = -inf), a feature with at most maxBin distinct values gets one bin
// per value, and the last cut lies above the largest value. Every feature also gets one bin more,
// after its regular ones, for its missing values (NaN). Bins are numbered globally, feature by
// feature, so that a cell of the binned matrix is directly a histogram slot: building a histogram is
// one add per cell with no branch for missing values.
//
// A histogram holds, per global bin, the sum of gradients and of hessians of a node's rows,
// interleaved in one Float64Array (slot 2b = gradient, 2b + 1 = hessian).

export interface QuantileCuts {
  readonly nFeatures: number;
  /** Feature f's cut values are values[ptr[f]..ptr[f + 1]), increasing; it has that many regular bins. */
  readonly ptr: Int32Array;
  readonly values: Float32Array;
  /** Each feature's smallest non-missing value (NaN when it has none). */
  readonly minValues: Float32Array;
}

/** First global bin of feature f: its regular bins, then its missing bin. */
export function binStart(cuts: QuantileCuts, f: number): number {
  return cuts.ptr[f]! + f;
}

/** Regular (non-missing) bins of feature f. */
export function binCount(cuts: QuantileCuts, f: number): number {
  return cuts.ptr[f + 1]! - cuts.ptr[f]!;
}

/** Global bins, missing ones included: the length of a histogram is twice this. */
export function totalBins(cuts: QuantileCuts): number {
  return cuts.ptr[cuts.nFeatures]! + cuts.nFeatures;
}

/** The cut above the largest value, as xgboost makes it: max + |max| + 1e-5, in float32. */
function lastCut(max: number): number {
  const c = Math.fround(max + Math.abs(max) + 1e-5);
  // float32 rounding could land on max itself for large values; the cut must lie above it
  return c > max ? c : Infinity;
}

/**
 * Quantile cuts of a row-major float32 matrix (NaN = missing). Exact quantiles of the sorted
 * column (xgboost approximates them with a sketch; on one machine's data both are exact enough
 * that the bins differ by a value or two at most).
 */
export function quantileCuts(
  x: Float32Array,
  nRows: number,
  nFeatures: number,
  maxBin: number,
): QuantileCuts {
  if (x.length !== nRows * nFeatures)
    throw new RangeError(`matrix has ${x.length} cells, not ${nRows} x ${nFeatures}`);
  const ptr = new Int32Array(nFeatures + 1);
  const minValues = new Float32Array(nFeatures);
  const all: number[] = [];
  const column = new Float32Array(nRows);
  for (let f = 0; f < nFeatures; f++) {
    let n = 0;
    for (let r = 0, i = f; r < nRows; r++, i += nFeatures) {
      const v = x[i]!;
      if (v === v) column[n++] = v;
    }
    ptr[f] = all.length;
    if (n === 0) {
      minValues[f] = NaN;
      continue;
    }
    const sorted = column.subarray(0, n).sort();
    const min = sorted[0]!;
    const max = sorted[n - 1]!;
    minValues[f] = min;
    let distinct = 1;
    for (let i = 1; i < n && distinct <= maxBin; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
    if (distinct <= maxBin) {
      // one bin per distinct value: the cuts are every value but the smallest
      for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) all.push(sorted[i]!);
    } else {
      // maxBin - 1 inner cuts at ranks j n / maxBin; ties collapse, so a heavy value gets one bin
      let last = min;
      for (let j = 1; j < maxBin; j++) {
        const v = sorted[Math.floor((j * n) / maxBin)]!;
        if (v > last) all.push((last = v));
      }
    }
    all.push(lastCut(max));
  }
  ptr[nFeatures] = all.length;
  return { nFeatures, ptr, values: Float32Array.from(all), minValues };
}

/** A binned matrix: each cell its global bin (uint16 while the bins fit, else uint32). */
export type BinMatrix = Uint16Array | Uint32Array;

/** Feature f's local bin of value v: the first cut above v, or the missing bin for NaN. */
export function localBin(cuts: QuantileCuts, f: number, v: number): number {
  let lo = cuts.ptr[f]!;
  const end = cuts.ptr[f + 1]!;
  if (v !== v) return end - lo;
  let hi = end;
  // upper bound: the first cut > v; a value above every cut (unseen in training) takes the last bin
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts.values[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, end - 1) - cuts.ptr[f]!;
}

/** Every cell's global bin. */
export function binMatrix(x: Float32Array, nRows: number, cuts: QuantileCuts): BinMatrix {
  const nf = cuts.nFeatures;
  const out = totalBins(cuts) <= 0xffff ? new Uint16Array(nRows * nf) : new Uint32Array(nRows * nf);
  for (let f = 0; f < nf; f++) {
    const start = binStart(cuts, f);
    for (let r = 0, i = f; r < nRows; r++, i += nf) out[i] = start + localBin(cuts, f, x[i]!);
  }
  return out;
}

/** The binned matrix transposed: feature f's bins at f · nRows .. (f + 1) · nRows. */
export function binColumns(bins: BinMatrix, nRows: number, nFeatures: number): BinMatrix {
  const out = bins instanceof Uint16Array ? new Uint16Array(bins.length) : new Uint32Array(bins.length);
  for (let r = 0; r < nRows; r++)
    for (let f = 0; f < nFeatures; f++) out[f * nRows + r] = bins[r * nFeatures + f]!;
  return out;
}

/** hist = the gradient and hessian sums per bin of rows[begin..end). */
export function buildHistogram(
  bins: BinMatrix,
  nFeatures: number,
  rows: Int32Array,
  begin: number,
  end: number,
  grad: Float32Array,
  hess: Float32Array,
  hist: Float64Array,
): void {
  hist.fill(0);
  for (let i = begin; i < end; i++) {
    const r = rows[i]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const base = r * nFeatures;
    const end4 = base + (nFeatures & ~3);
    let c = base;
    // four cells per iteration: fewer loop tests, and the four adds are independent
    for (; c < end4; c += 4) {
      const b0 = bins[c]! << 1;
      const b1 = bins[c + 1]! << 1;
      const b2 = bins[c + 2]! << 1;
      const b3 = bins[c + 3]! << 1;
      hist[b0]! += g;
      hist[b0 + 1]! += h;
      hist[b1]! += g;
      hist[b1 + 1]! += h;
      hist[b2]! += g;
      hist[b2 + 1]! += h;
      hist[b3]! += g;
      hist[b3 + 1]! += h;
    }
    for (; c < base + nFeatures; c++) {
      const b = bins[c]! << 1;
      hist[b]! += g;
      hist[b + 1]! += h;
    }
  }
}

/**
 * parent -= child, in place: the sibling's histogram. The subtraction trick: of two children only
 * the one with fewer rows is built from its rows, which at least halves the work per level.
 */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i]! -= child[i]!;
}
