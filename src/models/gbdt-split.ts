// The best split of one node from its gradient histogram, as xgboost's `hist` evaluator finds it.
//
// For a node with gradient sum G and hessian sum H, splitting into L and R gains
//   loss_chg = GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ)
// (twice the drop in the regularised second-order loss). Per feature, the bins are scanned in
// order with the missing values on the right, and, when the node has missing values for that
// feature, scanned again from the top with them on the left; the better direction is the split's
// default, the way unseen rows without the feature go. A split needs a hessian sum of at least
// minChildWeight on each side. Ties keep the earlier candidate (lower feature, forward scan), as
// xgboost does on its CPU path.
import { binCount, binStart, type QuantileCuts } from './gbdt-histogram.js';

/** xgboost's kRtEps: a split must gain more than this. */
export const MIN_SPLIT_GAIN = 1e-6;

/** The best split found so far; `feature` is -1 when none was. Mutable, one per search, no allocation per candidate. */
export class SplitCandidate {
  feature = -1;
  /** Rows go left iff their local bin is <= bin (-1: every non-missing row goes right). */
  bin = 0;
  defaultLeft = false;
  /** loss_chg above (unhalved). */
  lossChange = 0;
  leftGrad = 0;
  leftHess = 0;
  rightGrad = 0;
  rightHess = 0;

  reset(): void {
    this.feature = -1;
    this.lossChange = 0;
  }
}

export interface SplitParams {
  readonly lambda: number;
  readonly minChildWeight: number;
}

/**
 * Finds the best split of a node into `best` (reset first). `features` lists the features it may
 * use (colsample), `grad` and `hess` are the node's totals.
 */
export function findBestSplit(
  hist: Float64Array,
  cuts: QuantileCuts,
  features: Int32Array,
  grad: number,
  hess: number,
  params: SplitParams,
  best: SplitCandidate,
): void {
  best.reset();
  const { lambda, minChildWeight: mcw } = params;
  const parentGain = (grad * grad) / (hess + lambda);
  for (const f of features) {
    const start = binStart(cuts, f);
    const nb = binCount(cuts, f);
    const missingHess = hist[2 * (start + nb) + 1]!;
    const hasMissing = missingHess > 0;
    // forward: left = bins 0..b, right = the rest and the missing values. The last bin splits
    // present from missing, so it only counts when some rows miss the feature.
    let gl = 0;
    let hl = 0;
    const lastForward = hasMissing ? nb : nb - 1;
    for (let b = 0; b < lastForward; b++) {
      gl += hist[2 * (start + b)]!;
      hl += hist[2 * (start + b) + 1]!;
      const gr = grad - gl;
      const hr = hess - hl;
      if (hl < mcw || hr < mcw || hl <= 0 || hr <= 0) continue;
      const change = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentGain;
      if (change > best.lossChange) set(best, f, b, false, change, gl, hl, gr, hr);
    }
    if (!hasMissing) continue;
    // backward: right = bins b..nb-1, left = the lower bins and the missing values
    let gr = 0;
    let hr = 0;
    for (let b = nb - 1; b >= 0; b--) {
      gr += hist[2 * (start + b)]!;
      hr += hist[2 * (start + b) + 1]!;
      const gl2 = grad - gr;
      const hl2 = hess - hr;
      if (hl2 < mcw || hr < mcw || hl2 <= 0 || hr <= 0) continue;
      const change = (gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parentGain;
      if (change > best.lossChange) set(best, f, b - 1, true, change, gl2, hl2, gr, hr);
    }
  }
}

function set(
  best: SplitCandidate,
  feature: number,
  bin: number,
  defaultLeft: boolean,
  change: number,
  gl: number,
  hl: number,
  gr: number,
  hr: number,
): void {
  best.feature = feature;
  best.bin = bin;
  best.defaultLeft = defaultLeft;
  best.lossChange = change;
  best.leftGrad = gl;
  best.leftHess = hl;
  best.rightGrad = gr;
  best.rightHess = hr;
}

/**
 * A node's weight before shrinkage, -G/(H+λ); 0 when its hessian is under minChildWeight (only the
 * root can be: children are checked when split), as xgboost's CalcWeight.
 */
export function leafWeight(grad: number, hess: number, params: SplitParams): number {
  if (hess < params.minChildWeight || hess <= 0) return 0;
  return -grad / (hess + params.lambda);
}

/** The split's threshold on raw values: rows go left iff value < threshold (or missing and defaultLeft). */
export function splitThreshold(cuts: QuantileCuts, feature: number, bin: number): number {
  // bin -1 sends every non-missing row right: below the smallest value seen, as xgboost's min_val
  return bin < 0 ? cuts.minValues[feature]! : cuts.values[cuts.ptr[feature]! + bin]!;
}
