import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  lnGamma,
  regularizedIncompleteBeta,
  standardNormalCdf,
  standardNormalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedPValue,
} from './distributions.js';

// Reference values are from mpmath at 40 significant digits (they match R's pnorm, qnorm, pt, qt
// and pchisq to the digits R prints).

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe('lnGamma and the incomplete beta', () => {
  it('matches factorials, Γ(1/2) = √π and a closed-form I_x(a, b)', () => {
    expectRelativelyClose(lnGamma(10), Math.log(362880), 1e-14);
    expectRelativelyClose(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectRelativelyClose(lnGamma(0.1), Math.log(9.513507698668732), 1e-14);
    // I_x(2, 3) = Σ_{j=2..4} C(4, j) x^j (1 − x)^(4−j), which is 11/16 at x = 1/2
    expect(regularizedIncompleteBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 14);
    expectRelativelyClose(regularizedIncompleteBeta(0.3, 2.5, 4), 0.35219758590676725, 1e-13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('standard normal', () => {
  it('matches known CDF values, including the far tail to relative precision', () => {
    expect(standardNormalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(standardNormalCdf(0.5)).toBeCloseTo(0.6914624612740131, 14);
    expect(standardNormalCdf(0)).toBe(0.5);
    expectRelativelyClose(standardNormalCdf(-5), 2.866515718791939e-7, 1e-13);
    expectRelativelyClose(standardNormalCdf(-10), 7.619853024160525e-24, 1e-13);
    expect(standardNormalCdf(Infinity)).toBe(1);
    expect(standardNormalCdf(-Infinity)).toBe(0);
  });

  it('inverts the CDF to better than 1e-9', () => {
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(standardNormalQuantile(0.8)).toBeCloseTo(0.8416212335729142, 12);
    expect(standardNormalQuantile(0.995)).toBeCloseTo(2.575829303548901, 12);
    expect(standardNormalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(standardNormalQuantile(0.5)).toBe(0);
    for (const p of [1e-300, 1e-15, 0.001, 0.02425, 0.3, 0.7, 0.97575, 0.999999]) {
      expectRelativelyClose(standardNormalCdf(standardNormalQuantile(p)), p, 1e-12);
    }
  });

  it('maps the ends of [0, 1] to infinities and anything else to NaN', () => {
    expect(standardNormalQuantile(0)).toBe(-Infinity);
    expect(standardNormalQuantile(1)).toBe(Infinity);
    expect(standardNormalQuantile(1.5)).toBeNaN();
    expect(standardNormalQuantile(NaN)).toBeNaN();
  });
});

describe("Student's t", () => {
  it('matches known CDF values for integer and fractional df', () => {
    expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.975, 7);
    expect(studentTCdf(2.228139, 10)).toBeCloseTo(0.9750000062735588, 14);
    expectRelativelyClose(studentTCdf(-4, 3), 0.014004228005073083, 1e-13);
    expect(studentTCdf(1, 0.5)).toBeCloseTo(0.698878389158678, 13);
    // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π
    expect(studentTCdf(3, 1)).toBeCloseTo(0.5 + Math.atan(3) / Math.PI, 14);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it('gives the two-sided p-value of R for a Welch statistic', () => {
    // t.test(c(1, 2, 3, 4, 5), c(2, 4, 6, 8, 10)): t = -1.8974, df = 5.8824, p-value = 0.1075
    expect(studentTTwoSidedPValue(-Math.sqrt(3.6), 100 / 17)).toBeCloseTo(0.10753119493062724, 13);
  });

  it('stays accurate at the df of large experiments, where t differs from the normal by 1e-7', () => {
    // Between the two the CDF at 1.96 moves by φ(1.96)(1.96³ + 1.96)/(4ν) ≈ 1.3864e-7 at ν = 10⁶.
    expect(studentTCdf(1.96, 1e6)).toBeCloseTo(0.9750019662073651, 14);
    expect(studentTCdf(1.96, 1e6) - standardNormalCdf(1.96)).toBeCloseTo(-1.3864441445913e-7, 14);
    // These sit on both sides of the switch between the continued fraction and the 1/ν expansion.
    const references: [t: number, df: number, pValue: number][] = [
      [1.96, 1e5, 0.04999856319430163],
      [4, 1e5, 6.338799755719534e-5],
      [7, 1e6, 2.561224111374079e-12],
      [2.5, 1e8, 0.012419332240054542],
    ];
    for (const [t, df, pValue] of references)
      expectRelativelyClose(studentTTwoSidedPValue(t, df), pValue, 1e-11);
    expect(studentTTwoSidedPValue(1.96, Infinity)).toBeCloseTo(2 * (1 - 0.9750021048517795), 15);
  });

  it('inverts the CDF: known quantiles and round trips across df', () => {
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.570581835636315, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986275, 12);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174705, 11);
    expect(studentTQuantile(0.999, 2.5)).toBeCloseTo(13.822193110865964, 11);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.570581835636315, 12);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
    for (const df of [0.1, 0.5, 1, 3, 5.88, 30, 1000, 1e6, 1e9]) {
      for (const p of [1e-12, 0.001, 0.3, 0.975]) {
        expectRelativelyClose(studentTCdf(studentTQuantile(p, df), df), p, 1e-11);
      }
    }
  });

  it('returns NaN rather than throwing for invalid arguments', () => {
    expect(studentTCdf(NaN, 5)).toBeNaN();
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTQuantile(0.5, -1)).toBeNaN();
    expect(studentTTwoSidedPValue(Infinity, 5)).toBe(0);
  });
});

describe('chi-square survival', () => {
  it('matches the 5% critical values for df 1 and 2', () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.04999999465319577, 14);
  });

  it('matches exp(−x/2) for df 2 and known values elsewhere', () => {
    expect(chiSquareSurvival(7.3, 2)).toBeCloseTo(Math.exp(-3.65), 15);
    expectRelativelyClose(chiSquareSurvival(100, 50), 3.454931382984864e-5, 1e-12);
    expectRelativelyClose(chiSquareSurvival(30, 10), 0.0008566412107753004, 1e-13);
    expect(chiSquareSurvival(0.5, 3)).toBeCloseTo(0.9188914116546758, 14);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
  });

  it('agrees with the normal for df = 1: P(χ² ≥ z²) = 2Φ(−z)', () => {
    for (const z of [0.3, 1, 2.5, 6]) {
      expectRelativelyClose(chiSquareSurvival(z * z, 1), 2 * standardNormalCdf(-z), 1e-13);
    }
  });
});
