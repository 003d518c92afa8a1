// Sample-ratio mismatch: when the arms' user counts stray from the configured traffic split, the
// assignment or the logging is broken (a redirect that drops users, a bot filter that hits one
// arm), and every metric comparison is suspect. The default threshold is the customary strict
// 0.001: the check runs on every experiment, often repeatedly, and a looser one would routinely
// flag healthy experiments.

import { chiSquareSurvival } from './distributions.js';

/** The outcome of a chi-square goodness-of-fit test of observed arm counts. */
export interface SampleRatioCheck {
  readonly chiSquare: number;
  /** Arms with a positive expected share, minus one. */
  readonly df: number;
  readonly pValue: number;
  /** pValue < threshold. */
  readonly mismatch: boolean;
}

/**
 * Tests observed units per arm against expected traffic weights (any positive scale; they are
 * normalized). An arm with weight 0 that received units is an infinite mismatch. Throws
 * RangeError when the lengths differ, there are fewer than two arms, a count or weight is negative
 * or not finite, or the weights sum to 0.
 */
export function checkSampleRatio(
  observed: readonly number[],
  expectedWeights: readonly number[],
  threshold = 0.001,
): SampleRatioCheck {
  if (observed.length !== expectedWeights.length) {
    throw new RangeError(`${observed.length} observed counts for ${expectedWeights.length} weights`);
  }
  if (observed.length < 2) throw new RangeError('a sample-ratio check needs at least two arms');
  const isCount = (value: number): boolean => Number.isFinite(value) && value >= 0;
  if (!observed.every(isCount) || !expectedWeights.every(isCount)) {
    throw new RangeError('counts and weights must be finite and non-negative');
  }
  const totalWeight = expectedWeights.reduce((sum, weight) => sum + weight, 0);
  if (totalWeight === 0) throw new RangeError('expected weights sum to 0');

  const total = observed.reduce((sum, count) => sum + count, 0);
  const df = expectedWeights.filter((weight) => weight > 0).length - 1;
  if (total === 0) return { chiSquare: 0, df, pValue: 1, mismatch: false };
  let chiSquare = 0;
  observed.forEach((count, arm) => {
    const expected = (total * expectedWeights[arm]!) / totalWeight;
    if (expected > 0) chiSquare += ((count - expected) * (count - expected)) / expected;
    else if (count > 0) chiSquare = Infinity;
  });
  // One arm carrying all the weight leaves nothing to test: any count split is as expected or infinite.
  const pValue = chiSquare === Infinity ? 0 : df > 0 ? chiSquareSurvival(chiSquare, df) : 1;
  return { chiSquare, df, pValue, mismatch: pValue < threshold };
}
