import { describe, expect, it } from 'vitest';
import { checkSampleRatio } from './srm.js';

describe('checkSampleRatio', () => {
  it('finds no mismatch in an exact 50/50 split', () => {
    expect(checkSampleRatio([5000, 5000], [0.5, 0.5])).toEqual({
      chiSquare: 0,
      df: 1,
      pValue: 1,
      mismatch: false,
    });
  });

  it('flags 5000 against 5400 on a 50/50 split', () => {
    // expected 5200 each: χ² = 2·200²/5200 = 15.385 on 1 df, p = 8.77e-5
    const check = checkSampleRatio([5000, 5400], [1, 1]);
    expect(check.chiSquare).toBeCloseTo(80000 / 5200, 12);
    expect(check.pValue).toBeCloseTo(8.769942375590233e-5, 15);
    expect(check.mismatch).toBe(true);
  });

  it('tolerates ordinary noise and honours the threshold', () => {
    // 5000 against 5100: χ² = 0.990, p = 0.320
    const check = checkSampleRatio([5000, 5100], [0.5, 0.5]);
    expect(check.mismatch).toBe(false);
    expect(check.pValue).toBeGreaterThan(0.3);
    expect(checkSampleRatio([5000, 5200], [0.5, 0.5]).mismatch).toBe(false);
    expect(checkSampleRatio([5000, 5200], [0.5, 0.5], 0.05).mismatch).toBe(true);
  });

  it('uses weights for unequal splits and k − 1 degrees of freedom', () => {
    // 50/25/25 with 10000 users: expected 5000, 2500, 2500; χ² = 0 + 100²/2500 + 100²/2500 = 8 on 2 df
    const check = checkSampleRatio([5000, 2600, 2400], [50, 25, 25]);
    expect(check.df).toBe(2);
    expect(check.chiSquare).toBeCloseTo(8, 12);
    expect(check.pValue).toBeCloseTo(Math.exp(-4), 14);
    expect(check.mismatch).toBe(false);
  });

  it('treats traffic into a zero-weight arm as a certain mismatch', () => {
    const check = checkSampleRatio([5000, 5000, 3], [0.5, 0.5, 0]);
    expect(check.chiSquare).toBe(Infinity);
    expect(check.pValue).toBe(0);
    expect(check.mismatch).toBe(true);
    expect(checkSampleRatio([5000, 5000, 0], [0.5, 0.5, 0]).df).toBe(1);
  });

  it('does not flag an experiment with no users yet, and rejects malformed input', () => {
    expect(checkSampleRatio([0, 0], [0.5, 0.5]).mismatch).toBe(false);
    expect(() => checkSampleRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => checkSampleRatio([1], [1])).toThrow(RangeError);
    expect(() => checkSampleRatio([1, -2], [1, 1])).toThrow(RangeError);
    expect(() => checkSampleRatio([1, 2], [0, 0])).toThrow(RangeError);
  });
});
