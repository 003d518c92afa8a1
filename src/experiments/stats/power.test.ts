import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, sampleSizePerArm } from './power.js';

describe('sampleSizePerArm', () => {
  it('needs 1570 per arm for a 0.1 sd effect at alpha 0.05 and power 0.8', () => {
    // 2·(1.959964 + 0.841621)²/0.1² = 1569.78
    expect(sampleSizePerArm({ sd: 1, mde: 0.1 })).toBe(1570);
    expect(sampleSizePerArm({ sd: 1, mde: 0.1, alpha: 0.05, power: 0.8 })).toBe(1570);
  });

  it('scales with (sd/mde)² and grows for stricter alpha and higher power', () => {
    // 2·(2.575829 + 1.281552)²/0.1² = 2975.88
    expect(sampleSizePerArm({ sd: 1, mde: 0.1, alpha: 0.01, power: 0.9 })).toBe(2976);
    // doubling sd quadruples the size: 4·1569.78 = 6279.1
    expect(sampleSizePerArm({ sd: 2, mde: 0.1 })).toBe(6280);
    expect(sampleSizePerArm({ sd: 30, mde: 3 })).toBe(1570);
  });

  it('rejects impossible inputs', () => {
    expect(() => sampleSizePerArm({ sd: 0, mde: 0.1 })).toThrow(RangeError);
    expect(() => sampleSizePerArm({ sd: 1, mde: -0.1 })).toThrow(RangeError);
    expect(() => sampleSizePerArm({ sd: 1, mde: 0.1, alpha: 1 })).toThrow(RangeError);
    expect(() => sampleSizePerArm({ sd: 1, mde: 0.1, power: 0 })).toThrow(RangeError);
  });
});

describe('minimumDetectableEffect', () => {
  it('is 2.8016·sd·√(2/n)', () => {
    // (1.959964 + 0.841621)·√(2/1000) = 0.1252907
    expect(minimumDetectableEffect({ sd: 1, nPerArm: 1000 })).toBeCloseTo(0.12529069984918345, 12);
    expect(minimumDetectableEffect({ sd: 5, nPerArm: 1000 })).toBeCloseTo(5 * 0.12529069984918345, 12);
  });

  it('inverts sampleSizePerArm', () => {
    for (const nPerArm of [100, 1570, 25_000, 1_000_000]) {
      const mde = minimumDetectableEffect({ sd: 3, nPerArm, alpha: 0.01, power: 0.9 });
      expect(sampleSizePerArm({ sd: 3, mde, alpha: 0.01, power: 0.9 })).toBe(nPerArm);
    }
    expect(minimumDetectableEffect({ sd: 1, nPerArm: 1570 })).toBeLessThan(0.1);
  });

  it('rejects impossible inputs', () => {
    expect(() => minimumDetectableEffect({ sd: 1, nPerArm: 0 })).toThrow(RangeError);
    expect(() => minimumDetectableEffect({ sd: Infinity, nPerArm: 10 })).toThrow(RangeError);
  });
});
