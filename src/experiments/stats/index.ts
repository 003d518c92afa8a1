// Statistics for A/B experiments: distributions, summaries, Welch's test, delta-method ratio
// metrics, CUPED, sample-ratio mismatch and power. Dependency-free and deterministic.
export {
  chiSquareSurvival,
  lnBeta,
  lnGamma,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  standardNormalCdf,
  standardNormalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedPValue,
} from './distributions.js';
export {
  MomentAccumulator,
  PairedMomentAccumulator,
  summarize,
  summarizePairs,
  type PairedSummary,
  type Summary,
} from './summary.js';
export { compareMeans, welch, welchDegreesOfFreedom, type Estimate, type WelchResult } from './welch.js';
export { ratioEstimate, ratioFromMoments, ratioTest, type RatioEstimate } from './ratio.js';
export { cuped, cupedFromMoments, type CupedArm, type CupedResult } from './cuped.js';
export { checkSampleRatio, type SampleRatioCheck } from './srm.js';
export {
  minimumDetectableEffect,
  sampleSizePerArm,
  type MinimumDetectableEffectOptions,
  type SampleSizeOptions,
} from './power.js';
