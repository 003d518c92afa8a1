import { describe, expect, it } from 'vitest';
import { ratioEstimate, ratioFromMoments, ratioTest } from './ratio.js';
import { PairedMomentAccumulator, summarize } from './summary.js';
import { mulberry32 } from './testing.js';

// Users with 1–20 plays and their own completion rate between 0.2 and 0.9 (raised by `lift`): plays
// of one user are correlated, which is what the delta method accounts for and a per-play binomial
// ignores.
function simulateUsers(seed: number, users: number, lift = 0): { completions: number[]; plays: number[] } {
  const uniform = mulberry32(seed);
  const completions: number[] = [];
  const plays: number[] = [];
  for (let user = 0; user < users; user++) {
    const userPlays = 1 + Math.floor(uniform() * 20);
    const completionRate = (0.2 + 0.7 * uniform()) * (1 + lift);
    let userCompletions = 0;
    for (let play = 0; play < userPlays; play++) if (uniform() < completionRate) userCompletions++;
    plays.push(userPlays);
    completions.push(userCompletions);
  }
  return { completions, plays };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('ratioEstimate', () => {
  it('is sum(num)/sum(den), with the plain variance of a mean when denominators are constant', () => {
    const numerators = [3, 5, 4, 8, 10];
    const estimate = ratioEstimate(numerators, [2, 2, 2, 2, 2]);
    expect(estimate.n).toBe(5);
    expect(estimate.ratio).toBeCloseTo(30 / 10, 14);
    // R = mean(x)/2, so Var(R) = Var(x)/(4n) exactly
    expect(estimate.variance).toBeCloseTo(summarize(numerators).variance / 20, 14);
  });

  it('matches the hand-computed delta-method variance of a small sample', () => {
    // μx = 2.5, μy = 5.25, σ²x = 5/3, σ²y = 26.75/3, σxy = 11.5/3, n = 4
    const estimate = ratioEstimate([1, 2, 3, 4], [2, 4, 6, 9]);
    expect(estimate.ratio).toBeCloseTo(10 / 21, 14);
    expect(estimate.variance).toBeCloseTo(200 / 583443, 15);
  });

  it('agrees with a bootstrap of users, where a per-play binomial variance is far too small', () => {
    const { completions, plays } = simulateUsers(42, 2000);
    const estimate = ratioEstimate(completions, Float64Array.from(plays));
    const resample = mulberry32(7);
    const replicates = 1000;
    const ratios: number[] = [];
    for (let r = 0; r < replicates; r++) {
      let numerator = 0;
      let denominator = 0;
      for (let i = 0; i < plays.length; i++) {
        const user = Math.floor(resample() * plays.length);
        numerator += completions[user]!;
        denominator += plays[user]!;
      }
      ratios.push(numerator / denominator);
    }
    const bootstrapVariance = summarize(ratios).variance;
    expect(estimate.variance / bootstrapVariance).toBeGreaterThan(0.88);
    expect(estimate.variance / bootstrapVariance).toBeLessThan(1.12);
    const perPlayVariance = (estimate.ratio * (1 - estimate.ratio)) / sum(plays);
    expect(perPlayVariance / estimate.variance).toBeLessThan(0.5);
  });

  it('gives the same estimate from streamed moments as from arrays', () => {
    const { completions, plays } = simulateUsers(3, 300);
    const accumulator = new PairedMomentAccumulator();
    completions.forEach((completed, user) => accumulator.add(completed, plays[user]!));
    const streamed = ratioFromMoments(accumulator.summary());
    const direct = ratioEstimate(completions, plays);
    expect(streamed.ratio).toBeCloseTo(direct.ratio, 14);
    expect(streamed.variance).toBeCloseTo(direct.variance, 16);
  });

  it('reports NaN rather than throwing for zero denominators or a single user', () => {
    expect(ratioEstimate([0, 0], [0, 0])).toEqual({ n: 2, ratio: NaN, variance: NaN });
    expect(ratioEstimate([1], [2])).toEqual({ n: 1, ratio: 0.5, variance: NaN });
    expect(() => ratioEstimate([1, 2], [1])).toThrow(RangeError);
  });
});

describe('ratioTest', () => {
  it('is a z-test on the difference of ratios with a delta-method interval for the lift', () => {
    const result = ratioTest(
      { n: 1000, ratio: 0.5, variance: 1e-4 },
      { n: 1000, ratio: 0.52, variance: 1e-4 },
    );
    expect(result.df).toBe(Infinity);
    expect(result.diff).toBeCloseTo(0.02, 15);
    expect(result.t).toBeCloseTo(Math.SQRT2, 12);
    expect(result.pValue).toBeCloseTo(0.15729920705028513, 13);
    expect(result.significant).toBe(false);
    // relative = 0.04; Var = 1e-4/0.5² + 0.52²·1e-4/0.5⁴ = 8.3264e-4
    expect(result.relative).toBeCloseTo(0.04, 14);
    expect(result.relativeCi[0]).toBeCloseTo(0.04 - 1.959963984540054 * Math.sqrt(8.3264e-4), 12);
    expect(result.relativeCi[1]).toBeCloseTo(0.04 + 1.959963984540054 * Math.sqrt(8.3264e-4), 12);
  });

  it('stays quiet on an A/A split and finds a 5% lift in completion rate', () => {
    const estimate = ({ completions, plays }: { completions: number[]; plays: number[] }) =>
      ratioEstimate(completions, plays);
    const control = estimate(simulateUsers(100, 5000));
    const aa = ratioTest(control, estimate(simulateUsers(200, 5000)));
    expect(aa.significant).toBe(false);
    const ab = ratioTest(control, estimate(simulateUsers(200, 5000, 0.05)));
    expect(ab.significant).toBe(true);
    expect(ab.relativeCi[0]).toBeGreaterThan(0);
    expect(ab.relativeCi[0]).toBeLessThan(0.05);
    expect(ab.relativeCi[1]).toBeGreaterThan(0.05);
  });

  it('is undefined, not significant, when a ratio is', () => {
    const result = ratioTest(ratioEstimate([0, 0], [0, 0]), ratioEstimate([1, 2], [2, 2]));
    expect(result.pValue).toBeNaN();
    expect(result.significant).toBe(false);
  });
});
