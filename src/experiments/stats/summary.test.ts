import { describe, expect, it } from 'vitest';
import { MomentAccumulator, PairedMomentAccumulator, summarize, summarizePairs } from './summary.js';
import { gaussian, mulberry32 } from './testing.js';

describe('summarize', () => {
  it('gives the mean and the n − 1 sample variance, from arrays and typed arrays', () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(summarize(values)).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
    const typed = summarize(Float64Array.from(values));
    expect(typed.mean).toBe(5);
    expect(typed.variance).toBeCloseTo(32 / 7, 14);
  });

  it('keeps its digits on values with a large common offset', () => {
    // Σx² − n·mean² would cancel away every digit of this variance (it is 30).
    const summary = summarize([4, 7, 13, 16].map((value) => 1e9 + value));
    expect(summary.mean).toBe(1e9 + 10);
    expect(summary.variance).toBeCloseTo(30, 6);
  });

  it('reports NaN for what too few values cannot determine', () => {
    expect(summarize([])).toEqual({ n: 0, mean: NaN, variance: NaN });
    expect(summarize([3])).toEqual({ n: 1, mean: 3, variance: NaN });
  });
});

describe('MomentAccumulator.merge', () => {
  it('equals accumulating everything in one place', () => {
    const draw = gaussian(mulberry32(7));
    const values = Array.from({ length: 1000 }, () => 50 + 10 * draw());
    const shards = [new MomentAccumulator(), new MomentAccumulator(), new MomentAccumulator()];
    values.forEach((value, i) => shards[i < 100 ? 0 : i < 700 ? 1 : 2]!.add(value));
    const merged = new MomentAccumulator();
    for (const shard of shards) merged.merge(shard);
    merged.merge(new MomentAccumulator());
    const direct = summarize(values);
    expect(merged.summary().n).toBe(1000);
    expect(merged.summary().mean).toBeCloseTo(direct.mean, 12);
    expect(merged.summary().variance).toBeCloseTo(direct.variance, 10);
  });
});

describe('paired moments', () => {
  it('gives both marginals and the sample covariance', () => {
    const summary = summarizePairs([1, 2, 3, 4], Float64Array.from([2, 4, 6, 9]));
    expect(summary.n).toBe(4);
    expect(summary.meanX).toBe(2.5);
    expect(summary.meanY).toBe(5.25);
    expect(summary.varianceX).toBeCloseTo(5 / 3, 14);
    expect(summary.varianceY).toBeCloseTo(26.75 / 3, 14);
    expect(summary.covariance).toBeCloseTo(11.5 / 3, 14);
  });

  it('merges shards to the one-pass result', () => {
    const draw = gaussian(mulberry32(11));
    const xs = Array.from({ length: 500 }, () => 3 + draw());
    const ys = xs.map((x) => 2 * x + draw());
    const left = new PairedMomentAccumulator();
    const right = new PairedMomentAccumulator();
    xs.forEach((x, i) => (i % 3 === 0 ? left : right).add(x, ys[i]!));
    left.merge(right);
    const merged = left.summary();
    const direct = summarizePairs(xs, ys);
    for (const key of ['meanX', 'meanY', 'varianceX', 'varianceY', 'covariance'] as const) {
      expect(merged[key]).toBeCloseTo(direct[key], 11);
    }
    expect(merged.n).toBe(500);
  });

  it('rejects arrays of different lengths and reports NaN below two pairs', () => {
    expect(() => summarizePairs([1, 2], [1])).toThrow(RangeError);
    const single = summarizePairs([1], [2]);
    expect(single.meanX).toBe(1);
    expect(single.covariance).toBeNaN();
  });
});
