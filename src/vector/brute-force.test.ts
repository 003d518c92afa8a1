import { describe, expect, it } from 'vitest';
import { BruteForceIndex } from './brute-force.js';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('BruteForceIndex', () => {
  it('ranks by inner product, computed by hand', () => {
    const index = new BruteForceIndex(3);
    index.add(10, v(1, 0, 0));
    index.add(11, v(0, 1, 0));
    index.add(12, v(0.6, 0.8, 0));
    index.add(13, v(-1, 0, 0));
    index.add(14, v(2, 2, 2)); // not normalised: the score is the plain dot product
    // query (0.5, 1, -1): dots 0.5, 1, 1.1, -0.5, 1
    const hits = index.search(v(0.5, 1, -1), 4);
    expect([...hits.keys]).toEqual([12, 11, 14, 10]); // 11 and 14 tie at 1: the lower key first
    expect([...hits.scores].map((s) => +s.toFixed(5))).toEqual([1.1, 1, 1, 0.5]);
  });

  it('grows past its initial capacity and keeps every vector', () => {
    const index = new BruteForceIndex(2, 1);
    for (let i = 0; i < 100; i++) index.add(i, v(i, 1));
    expect(index.size).toBe(100);
    expect([...index.search(v(1, 0), 3).keys]).toEqual([99, 98, 97]);
    expect([...index.search(v(-1, 0), 1).keys]).toEqual([0]);
  });

  it('moves the last vector into a removed slot', () => {
    const index = new BruteForceIndex(2);
    index.addBatch([1, 2, 3, 4], v(1, 0, 2, 0, 3, 0, 4, 0));
    index.remove(2);
    index.remove(99); // absent: nothing happens
    expect(index.size).toBe(3);
    expect(index.has(2)).toBe(false);
    const hits = index.search(v(1, 0), 10);
    expect([...hits.keys]).toEqual([4, 3, 1]);
    expect([...hits.scores]).toEqual([4, 3, 1]);
    index.add(4, v(0.5, 0)); // replacing the moved vector
    expect([...index.search(v(1, 0), 10).keys]).toEqual([3, 1, 4]);
  });

  it('rejects malformed keys, vectors and k', () => {
    const index = new BruteForceIndex(2);
    expect(() => index.add(-1, v(1, 0))).toThrow(RangeError);
    expect(() => index.add(1.5, v(1, 0))).toThrow(RangeError);
    expect(() => index.add(2 ** 31, v(1, 0))).toThrow(RangeError);
    expect(() => index.add(1, v(1, 0, 0))).toThrow(RangeError);
    expect(() => index.addBatch([1, 2], v(1, 0, 0))).toThrow(RangeError);
    expect(() => index.search(v(1), 1)).toThrow(RangeError);
    expect(() => index.search(v(1, 0), -1)).toThrow(RangeError);
    expect(() => new BruteForceIndex(0)).toThrow(RangeError);
  });
});
