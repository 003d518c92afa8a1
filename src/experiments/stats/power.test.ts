import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, sampleSizePerArm } from './power.js';

// Expected sizes are the exact noncentral-t answers (R's power.t.test, computed with scipy's nct):
// the smallest n whose power reaches the target. The normal approximation is one unit short in
// all of them, and two for the tiny experiments.
describe('sampleSizePerArm', () => {
  it('matches the exact t-test sizes at alpha 0.05 and power 0.8', () => {
    // power.t.test(delta = 0.1, sd = 1, power = 0.8): n = 1570.73 (normal: 1569.78)
    expect(sampleSizePerArm({ sd: 1, mde: 0.1 })).toBe(1571);
    expect(sampleSizePerArm({ sd: 1, mde: 0.1, alpha: 0.05, power: 0.8 })).toBe(1571);
    // delta 0.5: 63.77; delta 1: 16.71 (normal 15.70)
    expect(sampleSizePerArm({ sd: 1, mde: 0.5 })).toBe(64);
    expect(sampleSizePerArm({ sd: 1, mde: 1 })).toBe(17);
  });

  it('is right for tiny experiments, where t and normal differ most', () => {
    // delta 2: exact power 0.876 at 6 per arm, 0.791 at 5 (normal says 4); delta 3: 0.939 at 4, 0.783 at 3
    expect(sampleSizePerArm({ sd: 1, mde: 2 })).toBe(6);
    expect(sampleSizePerArm({ sd: 1, mde: 3 })).toBe(4);
    // never fewer than 2 per arm: a t-test needs them
    expect(sampleSizePerArm({ sd: 1, mde: 100 })).toBe(2);
  });

  it('scales with (sd/mde)² and grows for stricter alpha and higher power', () => {
    // alpha 0.01, power 0.9: exact power 0.90005 at 2978, 0.89994 at 2977 (normal 2975.88)
    expect(sampleSizePerArm({ sd: 1, mde: 0.1, alpha: 0.01, power: 0.9 })).toBe(2978);
    // doubling sd about quadruples the size: delta 0.05 needs 6281 (exact power 0.80006; normal 6279.1)
    expect(sampleSizePerArm({ sd: 2, mde: 0.1 })).toBe(6281);
    expect(sampleSizePerArm({ sd: 30, mde: 3 })).toBe(1571);
  });

  it('rejects impossible inputs', () => {
    expect(() => sampleSizePerArm({ sd: 0, mde: 0.1 })).toThrow(RangeError);
    expect(() => sampleSizePerArm({ sd: 1, mde: -0.1 })).toThrow(RangeError);
    expect(() => sampleSizePerArm({ sd: 1, mde: 0.1, alpha: 1 })).toThrow(RangeError);
    expect(() => sampleSizePerArm({ sd: 1, mde: 0.1, power: 0 })).toThrow(RangeError);
  });
});

describe('minimumDetectableEffect', () => {
  it('is (t_0.975 + t_0.8)·sd·√(2/n) at df = 2(n − 1)', () => {
    // scipy: (t.ppf(.975, 1998) + t.ppf(.8, 1998))·√(2/1000) = 0.12535187722216795
    expect(minimumDetectableEffect({ sd: 1, nPerArm: 1000 })).toBeCloseTo(0.12535187722216795, 10);
    expect(minimumDetectableEffect({ sd: 5, nPerArm: 1000 })).toBeCloseTo(5 * 0.12535187722216795, 10);
  });

  it('inverts sampleSizePerArm', () => {
    for (const nPerArm of [2, 5, 100, 1571, 25_000, 1_000_000]) {
      const mde = minimumDetectableEffect({ sd: 3, nPerArm, alpha: 0.01, power: 0.9 });
      expect(sampleSizePerArm({ sd: 3, mde, alpha: 0.01, power: 0.9 })).toBe(nPerArm);
    }
    expect(minimumDetectableEffect({ sd: 1, nPerArm: 1571 })).toBeLessThan(0.1);
    expect(minimumDetectableEffect({ sd: 1, nPerArm: 1570 })).toBeGreaterThan(0.1);
  });

  it('rejects impossible inputs', () => {
    expect(() => minimumDetectableEffect({ sd: 1, nPerArm: 0 })).toThrow(RangeError);
    expect(() => minimumDetectableEffect({ sd: 1, nPerArm: 1 })).toThrow(RangeError);
    expect(() => minimumDetectableEffect({ sd: Infinity, nPerArm: 10 })).toThrow(RangeError);
  });
});
