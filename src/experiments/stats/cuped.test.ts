import { describe, expect, it } from 'vitest';
import { cuped, cupedFromMoments, type CupedArm } from './cuped.js';
import { PairedMomentAccumulator, summarize } from './summary.js';
import { gaussian, mulberry32 } from './testing.js';
import { welch } from './welch.js';

// Pre-period x ~ N(10, 2²) and in-period y = x + N(0, 1) + effect: ρ² = 4/(4 + 1) = 0.8, so
// CUPED should remove 80% of the variance and theta should be 1.
interface SimulatedArm extends CupedArm {
  readonly metric: Float64Array;
  readonly covariate: Float64Array;
}

function simulateArm(draw: () => number, users: number, effect: number): SimulatedArm {
  const covariate = Float64Array.from({ length: users }, () => 10 + 2 * draw());
  const metric = covariate.map((x) => x + draw() + effect);
  return { metric, covariate };
}

describe('cuped', () => {
  const draw = gaussian(mulberry32(99));
  const control = simulateArm(draw, 5000, 0);
  const treatment = simulateArm(draw, 5000, 0.1);
  const adjusted = cuped(control, treatment);
  const plain = welch(summarize(control.metric), summarize(treatment.metric));

  it('removes ρ² of the variance and shrinks the standard error by √(1 − ρ²)', () => {
    expect(adjusted.theta).toBeGreaterThan(0.97);
    expect(adjusted.theta).toBeLessThan(1.03);
    expect(adjusted.varianceReduction).toBeGreaterThan(0.78);
    expect(adjusted.varianceReduction).toBeLessThan(0.82);
    expect(adjusted.result.se / plain.se).toBeCloseTo(Math.sqrt(1 - adjusted.varianceReduction), 2);
    expect(adjusted.result.se / plain.se).toBeLessThan(0.47);
  });

  it('estimates the effect without bias and detects what the plain test may miss', () => {
    expect(Math.abs(adjusted.result.diff - 0.1)).toBeLessThan(3 * adjusted.result.se);
    expect(adjusted.result.ci[0]).toBeLessThan(0.1);
    expect(adjusted.result.ci[1]).toBeGreaterThan(0.1);
    expect(adjusted.result.significant).toBe(true);
    expect(plain.significant).toBe(false);
  });

  it('equals Welch on explicitly adjusted values, with theta the pooled within-arm slope', () => {
    let crossProducts = 0;
    let squares = 0;
    for (const arm of [control, treatment]) {
      const meanX = summarize(arm.covariate).mean;
      const meanY = summarize(arm.metric).mean;
      arm.covariate.forEach((x, i) => {
        crossProducts += (x - meanX) * (arm.metric[i]! - meanY);
        squares += (x - meanX) * (x - meanX);
      });
    }
    const theta = crossProducts / squares;
    expect(adjusted.theta).toBeCloseTo(theta, 12);

    const pooledMeanX = summarize([...control.covariate, ...treatment.covariate]).mean;
    const adjust = (arm: SimulatedArm): number[] =>
      Array.from(arm.metric, (y, i) => y - theta * (arm.covariate[i]! - pooledMeanX));
    const explicit = welch(summarize(adjust(control)), summarize(adjust(treatment)));
    for (const key of ['diff', 'relative', 'se', 'df', 't', 'pValue'] as const) {
      expect(adjusted.result[key]).toBeCloseTo(explicit[key], 9);
    }
    expect(adjusted.result.ci[0]).toBeCloseTo(explicit.ci[0], 9);
    expect(adjusted.result.relativeCi[1]).toBeCloseTo(explicit.relativeCi[1], 9);
  });

  it('gives the same answer from streamed moments', () => {
    const accumulate = (arm: SimulatedArm): PairedMomentAccumulator => {
      const accumulator = new PairedMomentAccumulator();
      arm.metric.forEach((y, i) => accumulator.add(arm.covariate[i]!, y));
      return accumulator;
    };
    const streamed = cupedFromMoments(accumulate(control).summary(), accumulate(treatment).summary());
    expect(streamed.theta).toBeCloseTo(adjusted.theta, 12);
    expect(streamed.result.pValue).toBeCloseTo(adjusted.result.pValue, 12);
  });

  it('leaves the metric alone when the covariate is constant', () => {
    const flat = (arm: SimulatedArm): CupedArm => ({
      metric: arm.metric,
      covariate: arm.metric.map(() => 3),
    });
    const unadjusted = cuped(flat(control), flat(treatment));
    expect(unadjusted.theta).toBe(0);
    expect(unadjusted.varianceReduction).toBe(0);
    expect(unadjusted.result).toEqual(plain);
  });

  it('keeps a 5% false-positive rate on A/A splits', () => {
    const aaDraw = gaussian(mulberry32(5));
    const experiments = 2000;
    let rejections = 0;
    for (let i = 0; i < experiments; i++) {
      if (cuped(simulateArm(aaDraw, 100, 0), simulateArm(aaDraw, 100, 0)).result.significant) rejections++;
    }
    expect(rejections / experiments).toBeGreaterThan(0.035);
    expect(rejections / experiments).toBeLessThan(0.065);
  });

  it('does not throw on arms too small to test', () => {
    const result = cuped({ metric: [1], covariate: [2] }, { metric: [], covariate: [] });
    expect(result.theta).toBe(0);
    expect(result.result.pValue).toBeNaN();
    expect(result.result.significant).toBe(false);
    expect(() => cuped({ metric: [1, 2], covariate: [1] }, control)).toThrow(RangeError);
  });
});
