// CUPED (Deng, Xu, Kohavi & Walker 2013). A user's pre-experiment behaviour predicts most of their
// in-experiment behaviour, and it cannot have been moved by the treatment, so subtracting the part
// of the metric it explains removes variance without biasing the difference: the same test needs
// roughly (1 − ρ²) as many users.
//
// theta is estimated from within-arm deviations pooled over both arms (the OLS slope with an arm
// effect), so a treatment effect on the metric's mean cannot leak into it; it is also the theta
// that minimizes the pooled variance Welch sees. Everything is computed from per-arm moments, so
// the adjustment needs one pass over the users and no second copy of the metric.

import { type PairedSummary, type Summary, summarizePairs } from './summary.js';
import { type WelchResult, welch } from './welch.js';

/** One arm's per-user in-experiment metric and pre-period covariate, index-aligned. */
export interface CupedArm {
  readonly metric: ArrayLike<number>;
  readonly covariate: ArrayLike<number>;
}

/** A CUPED-adjusted comparison. */
export interface CupedResult {
  /** Pooled within-arm cov(covariate, metric) / var(covariate); 0 when the covariate is constant. */
  readonly theta: number;
  /** 1 − var(adjusted)/var(metric), both pooled within arms: the share of variance removed. */
  readonly varianceReduction: number;
  /** Welch's test on the adjusted metric. */
  readonly result: WelchResult;
}

// A sample (co)variance back to its within-arm sum of squares or cross products; an arm below two
// users has none.
function withinArmSum(arm: PairedSummary, sampleMoment: number): number {
  return arm.n < 2 ? 0 : (arm.n - 1) * sampleMoment;
}

/**
 * CUPED from per-arm moments with x = pre-period covariate and y = metric (as accumulated by
 * PairedMomentAccumulator.add(covariate, metric)). The adjusted metric is
 * y − theta·(x − pooled mean of x), which keeps the adjusted means on the metric's own scale so
 * the relative lift stays meaningful. Throws RangeError only for an alpha outside (0, 1).
 */
export function cupedFromMoments(
  control: PairedSummary,
  treatment: PairedSummary,
  alpha = 0.05,
): CupedResult {
  const arms = [control, treatment];
  const sumSquaresX = arms.reduce((sum, arm) => sum + withinArmSum(arm, arm.varianceX), 0);
  const sumSquaresY = arms.reduce((sum, arm) => sum + withinArmSum(arm, arm.varianceY), 0);
  const sumCross = arms.reduce((sum, arm) => sum + withinArmSum(arm, arm.covariance), 0);
  const theta = sumSquaresX > 0 ? sumCross / sumSquaresX : 0;

  const units = control.n + treatment.n;
  const weightedMeanX = arms.reduce((sum, arm) => (arm.n > 0 ? sum + arm.n * arm.meanX : sum), 0);
  const pooledMeanX = units > 0 ? weightedMeanX / units : 0;

  const adjust = (arm: PairedSummary): Summary => ({
    n: arm.n,
    mean: arm.meanY - theta * (arm.meanX - pooledMeanX),
    // Var(y − θx) = Var(y) − 2θ·Cov(x, y) + θ²·Var(x); clamped as rounding can dip below 0.
    variance: Math.max(0, arm.varianceY - 2 * theta * arm.covariance + theta * theta * arm.varianceX),
  });

  const adjustedSumSquaresY = Math.max(0, sumSquaresY - 2 * theta * sumCross + theta * theta * sumSquaresX);
  return {
    theta,
    varianceReduction: sumSquaresY > 0 ? 1 - adjustedSumSquaresY / sumSquaresY : 0,
    result: welch(adjust(control), adjust(treatment), alpha),
  };
}

/**
 * CUPED from per-user arrays. Throws RangeError if an arm's metric and covariate differ in
 * length, or for an alpha outside (0, 1).
 */
export function cuped(control: CupedArm, treatment: CupedArm, alpha = 0.05): CupedResult {
  return cupedFromMoments(
    summarizePairs(control.covariate, control.metric),
    summarizePairs(treatment.covariate, treatment.metric),
    alpha,
  );
}
