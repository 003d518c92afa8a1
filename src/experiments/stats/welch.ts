// Welch's unequal-variance t-test, the default comparison of one metric between two arms: arms in
// a recommendation experiment rarely have equal variances (a new ranker changes the spread of watch
// time, not only its mean), and Welch's test stays calibrated when they differ. The comparison
// itself is factored out as compareMeans so estimators with their own standard errors (the
// delta-method ratio) report in exactly the same shape.

import { studentTQuantile, studentTTwoSidedPValue } from './distributions.js';
import type { Summary } from './summary.js';

/** A point estimate and its sampling variance (its standard error squared). */
export interface Estimate {
  readonly value: number;
  readonly variance: number;
}

/** Treatment against control for one metric. `diff` and intervals are treatment − control. */
export interface WelchResult {
  /** Treatment mean − control mean. */
  readonly diff: number;
  /** diff / control mean: the relative lift; NaN when the control mean is 0. */
  readonly relative: number;
  /** Standard error of diff. */
  readonly se: number;
  /** Degrees of freedom of the reference t distribution (Infinity: normal). */
  readonly df: number;
  readonly t: number;
  /** Two-sided p-value; NaN when the test is undefined (too few units, or constant arms that differ). */
  readonly pValue: number;
  /** (1 − alpha) confidence interval for diff. */
  readonly ci: readonly [number, number];
  /** (1 − alpha) delta-method confidence interval for relative. */
  readonly relativeCi: readonly [number, number];
  /** pValue < alpha; never true when the test is undefined. */
  readonly significant: boolean;
}

function assertAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/**
 * Compares two independent estimates against a t distribution with `df` degrees of freedom
 * (Infinity for a normal approximation). The relative interval is the delta method for
 * treatment/control − 1: Var ≈ Var(t)/c² + t²·Var(c)/c⁴, using the same critical value as `ci`
 * so the two intervals agree on significance for large samples. Never throws on degenerate data:
 * non-finite inputs give NaN statistics; zero variance gives a zero-width interval, a p-value of 1
 * if the estimates are equal and NaN otherwise, and never `significant`. Throws RangeError only
 * for an alpha outside (0, 1).
 */
export function compareMeans(control: Estimate, treatment: Estimate, df: number, alpha = 0.05): WelchResult {
  assertAlpha(alpha);
  const diff = treatment.value - control.value;
  const relative = control.value === 0 ? NaN : diff / control.value;
  const variance = control.variance + treatment.variance;
  if (!Number.isFinite(diff) || !Number.isFinite(variance) || !(variance >= 0)) {
    return {
      diff,
      relative,
      se: NaN,
      df: NaN,
      t: NaN,
      pValue: NaN,
      ci: [NaN, NaN],
      relativeCi: [NaN, NaN],
      significant: false,
    };
  }
  if (variance === 0) {
    return {
      diff,
      relative,
      se: 0,
      df,
      t: diff === 0 ? 0 : NaN,
      pValue: diff === 0 ? 1 : NaN,
      ci: [diff, diff],
      relativeCi: [relative, relative],
      significant: false,
    };
  }
  const se = Math.sqrt(variance);
  const t = diff / se;
  const pValue = studentTTwoSidedPValue(t, df);
  const critical = studentTQuantile(1 - alpha / 2, df);
  const controlSquared = control.value * control.value;
  const relativeSe = Math.sqrt(
    treatment.variance / controlSquared +
      (treatment.value * treatment.value * control.variance) / (controlSquared * controlSquared),
  );
  const relativeHalfWidth = control.value === 0 ? NaN : critical * relativeSe;
  return {
    diff,
    relative,
    se,
    df,
    t,
    pValue,
    ci: [diff - critical * se, diff + critical * se],
    relativeCi: [relative - relativeHalfWidth, relative + relativeHalfWidth],
    significant: pValue < alpha,
  };
}

/**
 * Welch–Satterthwaite degrees of freedom for the difference of two means; NaN when either arm has
 * fewer than two units or both variances are zero.
 */
export function welchDegreesOfFreedom(control: Summary, treatment: Summary): number {
  if (control.n < 2 || treatment.n < 2) return NaN;
  const controlTerm = control.variance / control.n;
  const treatmentTerm = treatment.variance / treatment.n;
  const total = controlTerm + treatmentTerm;
  return (
    (total * total) /
    ((controlTerm * controlTerm) / (control.n - 1) + (treatmentTerm * treatmentTerm) / (treatment.n - 1))
  );
}

/**
 * Welch's t-test of treatment against control at level alpha (two-sided). An arm with fewer than
 * two units makes the test undefined (NaN p-value, never significant); see compareMeans for the
 * zero-variance case. Throws RangeError only for an alpha outside (0, 1).
 */
export function welch(control: Summary, treatment: Summary, alpha = 0.05): WelchResult {
  const testable = control.n >= 2 && treatment.n >= 2;
  const meanVariance = (summary: Summary): number => (testable ? summary.variance / summary.n : NaN);
  return compareMeans(
    { value: control.mean, variance: meanVariance(control) },
    { value: treatment.mean, variance: meanVariance(treatment) },
    welchDegreesOfFreedom(control, treatment),
    alpha,
  );
}
