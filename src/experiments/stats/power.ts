// Planning an experiment: how many users per arm a given effect needs, or what effect a given
// number of users can detect. Both use the normal approximation for a two-sided test of a
// difference in means between two equal arms with a common standard deviation; at the sample
// sizes these formulas return, the t correction is negligible.

import { standardNormalQuantile } from './distributions.js';

/** Inputs for sampleSizePerArm. */
export interface SampleSizeOptions {
  /** Standard deviation of the metric per unit. */
  readonly sd: number;
  /** Minimum detectable effect: the absolute difference in means the test should detect. */
  readonly mde: number;
  /** Two-sided significance level; 0.05 by default. */
  readonly alpha?: number;
  /** Probability of detecting an effect of size mde; 0.8 by default. */
  readonly power?: number;
}

/** Inputs for minimumDetectableEffect. */
export interface MinimumDetectableEffectOptions {
  /** Standard deviation of the metric per unit. */
  readonly sd: number;
  /** Units in each of the two arms. */
  readonly nPerArm: number;
  /** Two-sided significance level; 0.05 by default. */
  readonly alpha?: number;
  /** Probability of detecting the returned effect; 0.8 by default. */
  readonly power?: number;
}

function assertPositive(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`${name} must be positive, got ${value}`);
}

function assertProbability(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${name} must be in (0, 1), got ${value}`);
}

// z_{1−α/2} + z_{power}: how many standard errors the effect must span.
function standardErrorsNeeded(alpha: number, power: number): number {
  assertProbability('alpha', alpha);
  assertProbability('power', power);
  return standardNormalQuantile(1 - alpha / 2) + standardNormalQuantile(power);
}

/**
 * Units per arm for a two-sided test at level alpha to detect an absolute difference mde with the
 * given power: ceil(2·(z_{1−α/2} + z_{power})²·sd²/mde²). Throws RangeError for a non-positive sd
 * or mde, or an alpha or power outside (0, 1).
 */
export function sampleSizePerArm({ sd, mde, alpha = 0.05, power = 0.8 }: SampleSizeOptions): number {
  assertPositive('sd', sd);
  assertPositive('mde', mde);
  const needed = standardErrorsNeeded(alpha, power);
  const units = (2 * needed * needed * sd * sd) / (mde * mde);
  // Shave rounding noise before rounding up, so a size that is exact up to the last bits (as when
  // mde came from minimumDetectableEffect) is not bumped to the next unit.
  return Math.ceil(units * (1 - 1e-12));
}

/**
 * The smallest absolute difference in means that nPerArm units per arm detect with the given
 * power: (z_{1−α/2} + z_{power})·sd·√(2/nPerArm). Throws RangeError for a non-positive sd or
 * nPerArm, or an alpha or power outside (0, 1).
 */
export function minimumDetectableEffect({
  sd,
  nPerArm,
  alpha = 0.05,
  power = 0.8,
}: MinimumDetectableEffectOptions): number {
  assertPositive('sd', sd);
  assertPositive('nPerArm', nPerArm);
  return standardErrorsNeeded(alpha, power) * sd * Math.sqrt(2 / nPerArm);
}
