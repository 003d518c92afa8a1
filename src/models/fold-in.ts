// Folding a user into a trained implicit-ALS model at serving time: the user's row of the ALS
// solve, exact, from their recent engagements and the fixed item factors. So a user's embedding
// follows their last swipe without retraining: x = (YᵀY + λI + Σ (c−1) y yᵀ)⁻¹ Σ c y with
// c = 1 + α·w over the items they engaged with.
import { solveSpd } from './linalg.js';

export interface FoldInModel {
  readonly factors: number;
  /** Item factors, row-major, nItems × factors. */
  readonly itemFactors: Float32Array;
  /** YᵀY + λI, factors × factors, computed once per model (ials.ts `gramian`). */
  readonly gramian: Float64Array;
  readonly lambda: number;
  readonly alpha: number;
}

/** The user's factors given (item index, engagement weight) pairs; zeros when there are none. */
export function foldInUser(
  model: FoldInModel,
  engagements: readonly { item: number; weight: number }[],
): Float32Array {
  const f = model.factors;
  const out = new Float32Array(f);
  if (engagements.length === 0) return out;
  const a = new Float64Array(model.gramian);
  const b = new Float64Array(f);
  for (const { item, weight } of engagements) {
    const c = 1 + model.alpha * Math.max(weight, 0);
    const o = item * f;
    for (let p = 0; p < f; p++) {
      const yp = model.itemFactors[o + p]!;
      b[p]! += c * yp;
      const s = (c - 1) * yp;
      if (s === 0) continue;
      for (let q = 0; q < f; q++) a[p * f + q]! += s * model.itemFactors[o + q]!;
    }
  }
  const x = solveSpd(a, b, f);
  for (let p = 0; p < f; p++) out[p] = x[p]!;
  return out;
}
