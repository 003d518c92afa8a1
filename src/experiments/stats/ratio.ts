// Ratio metrics such as completions per play or clicks per impression. The randomization unit is
// the user, not the play, so plays of one user are correlated and treating each play as an
// independent observation understates the variance and inflates false positives. The delta method
// (Deng, Knoblich & Lu 2018) gives the variance of sum(num)/sum(den) from per-user moments.

import { type PairedSummary, summarizePairs } from './summary.js';
import { compareMeans, type WelchResult } from './welch.js';

/** A ratio metric for one arm: sum(numerator)/sum(denominator) and its delta-method variance. */
export interface RatioEstimate {
  /** Units (users) contributing. */
  readonly n: number;
  /** sum(numerator) / sum(denominator); NaN when the denominators sum to 0. */
  readonly ratio: number;
  /** Sampling variance of ratio; NaN below two units or with a zero denominator mean. */
  readonly variance: number;
}

/**
 * Ratio estimate from per-unit moments with x = numerator and y = denominator:
 * Var(R) ≈ (1/n)·(σ²x/μy² − 2·μx·σxy/μy³ + μx²·σ²y/μy⁴).
 */
export function ratioFromMoments(moments: PairedSummary): RatioEstimate {
  const { n, meanX, meanY, varianceX, varianceY, covariance } = moments;
  if (!(n > 0) || meanY === 0) return { n, ratio: NaN, variance: NaN };
  const ratio = meanX / meanY;
  const meanYSquared = meanY * meanY;
  const variance =
    n < 2
      ? NaN
      : (varianceX / meanYSquared -
          (2 * meanX * covariance) / (meanYSquared * meanY) +
          (meanX * meanX * varianceY) / (meanYSquared * meanYSquared)) /
        n;
  // The expansion is a quadratic form in a covariance matrix, so it is never negative in exact
  // arithmetic; clamp the rounding when numerator and denominator are almost proportional.
  return { n, ratio, variance: Math.max(0, variance) };
}

/**
 * Ratio estimate from per-unit numerators and denominators (e.g. completions and plays per user).
 * Throws RangeError if the arrays differ in length.
 */
export function ratioEstimate(numerators: ArrayLike<number>, denominators: ArrayLike<number>): RatioEstimate {
  return ratioFromMoments(summarizePairs(numerators, denominators));
}

/**
 * Compares a ratio metric between arms with a normal approximation (df = Infinity), in the same
 * shape as welch: diff is treatment ratio − control ratio. Throws RangeError only for an alpha
 * outside (0, 1).
 */
export function ratioTest(control: RatioEstimate, treatment: RatioEstimate, alpha = 0.05): WelchResult {
  return compareMeans(
    { value: control.ratio, variance: control.variance },
    { value: treatment.ratio, variance: treatment.variance },
    Infinity,
    alpha,
  );
}
