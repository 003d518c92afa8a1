import { describe, expect, it } from 'vitest';
import { summarize, type Summary } from './summary.js';
import { gaussian, mulberry32 } from './testing.js';
import { compareMeans, welch, welchDegreesOfFreedom } from './welch.js';

describe('welch', () => {
  const x = summarize([1, 2, 3, 4, 5]);
  const y = summarize([2, 4, 6, 8, 10]);

  it("matches R's t.test(x, y), whose difference is x − y", () => {
    // R: t = -1.8974, df = 5.8824, p-value = 0.1075, 95 percent CI -6.887742 0.887742
    const result = welch(y, x);
    expect(result.diff).toBe(-3);
    expect(result.t).toBeCloseTo(-1.897366596101028, 12);
    expect(result.df).toBeCloseTo(5.882352941176471, 12);
    expect(result.pValue).toBeCloseTo(0.10753119493062724, 12);
    expect(result.ci[0]).toBeCloseTo(-6.887741643736976, 10);
    expect(result.ci[1]).toBeCloseTo(0.887741643736976, 10);
    expect(result.significant).toBe(false);
  });

  it('reports treatment − control, so swapping the arms flips the signs', () => {
    const result = welch(x, y);
    expect(result.diff).toBe(3);
    expect(result.t).toBeCloseTo(1.897366596101028, 12);
    expect(result.ci[0]).toBeCloseTo(-0.887741643736976, 10);
    expect(result.ci[1]).toBeCloseTo(6.887741643736976, 10);
    // relative = 3/3; delta method: Var = (10/5)/3² + 6²·(2.5/5)/3⁴, times the same t critical value
    expect(result.relative).toBe(1);
    expect(result.relativeCi[0]).toBeCloseTo(-0.6392158064660979, 10);
    expect(result.relativeCi[1]).toBeCloseTo(2.639215806466098, 10);
  });

  it('is significant when the interval excludes zero, at the alpha asked for', () => {
    const control: Summary = { n: 1000, mean: 10, variance: 4 };
    const treatment: Summary = { n: 1000, mean: 10.2, variance: 4 };
    // se = √(0.008) = 0.0894, t = 2.236: p ≈ 0.0255
    const atFivePercent = welch(control, treatment);
    expect(atFivePercent.pValue).toBeCloseTo(0.02545, 4);
    expect(atFivePercent.significant).toBe(true);
    expect(atFivePercent.ci[0]).toBeGreaterThan(0);
    const atOnePercent = welch(control, treatment, 0.01);
    expect(atOnePercent.significant).toBe(false);
    expect(atOnePercent.ci[0]).toBeLessThan(0);
  });

  it('holds its 5% false-positive rate with unequal sizes and variances', () => {
    // The pooled-variance t-test rejects far too often here (small, noisy arm); Welch does not.
    const draw = gaussian(mulberry32(2024));
    const experiments = 4000;
    let rejections = 0;
    let covered = 0;
    for (let i = 0; i < experiments; i++) {
      const control = summarize(Array.from({ length: 40 }, () => draw()));
      const treatment = summarize(Array.from({ length: 10 }, () => 0.5 + 3 * draw()));
      const result = welch(control, treatment);
      if (result.ci[0] <= 0.5 && 0.5 <= result.ci[1]) covered++;
      const aa = welch(control, summarize(Array.from({ length: 10 }, () => 3 * draw())));
      if (aa.significant) rejections++;
    }
    expect(rejections / experiments).toBeGreaterThan(0.04);
    expect(rejections / experiments).toBeLessThan(0.06);
    expect(covered / experiments).toBeGreaterThan(0.94);
    expect(covered / experiments).toBeLessThan(0.96);
  });

  it('never throws and never reports significance when the test is undefined', () => {
    const tooSmall = welch({ n: 1, mean: 3, variance: NaN }, y);
    expect(tooSmall.diff).toBe(3);
    expect(tooSmall.pValue).toBeNaN();
    expect(tooSmall.ci).toEqual([NaN, NaN]);
    expect(tooSmall.significant).toBe(false);
    const empty = welch(summarize([]), summarize([]));
    expect(empty.pValue).toBeNaN();
    expect(empty.significant).toBe(false);
  });

  it('collapses to a finite zero-width interval for constant arms', () => {
    const equal = welch(summarize([2, 2, 2]), summarize([2, 2, 2, 2]));
    expect(equal).toMatchObject({ diff: 0, relative: 0, se: 0, t: 0, pValue: 1, significant: false });
    expect(equal.ci).toEqual([0, 0]);
    expect(equal.relativeCi).toEqual([0, 0]);
    const different = welch(summarize([2, 2, 2]), summarize([3, 3, 3]));
    expect(different.pValue).toBeNaN();
    expect(different.significant).toBe(false);
    expect(different.ci).toEqual([1, 1]);
  });

  it('uses the noisy arm alone for df when the other is constant, and NaN lift for a zero control', () => {
    const result = welch(summarize([0, 0, 0]), y);
    expect(result.df).toBeCloseTo(4, 12);
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.relative).toBeNaN();
    expect(result.relativeCi).toEqual([NaN, NaN]);
    expect(Number.isFinite(result.ci[1])).toBe(true);
  });

  it('rejects an alpha outside (0, 1)', () => {
    expect(() => welch(x, y, 0)).toThrow(RangeError);
    expect(() => welch(x, y, 1.5)).toThrow(RangeError);
  });
});

describe('welchDegreesOfFreedom', () => {
  it('is n1 + n2 − 2 for equal sizes and variances', () => {
    expect(
      welchDegreesOfFreedom({ n: 50, mean: 0, variance: 3 }, { n: 50, mean: 1, variance: 3 }),
    ).toBeCloseTo(98, 10);
  });
});

describe('compareMeans', () => {
  it('uses the normal for df = Infinity', () => {
    const result = compareMeans({ value: 0.5, variance: 1e-4 }, { value: 0.52, variance: 1e-4 }, Infinity);
    expect(result.t).toBeCloseTo(Math.SQRT2, 12);
    expect(result.pValue).toBeCloseTo(0.15729920705028513, 13);
    expect(result.ci[1] - result.diff).toBeCloseTo(1.959963984540054 * Math.sqrt(2e-4), 12);
  });
});
