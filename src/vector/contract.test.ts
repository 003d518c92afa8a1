// What every VectorIndex promises, run against both kinds.
import { describe, expect, it } from 'vitest';
import { BruteForceIndex } from './brute-force.js';
import { HnswIndex } from './hnsw.js';
import { randomUnitVectors, range } from './testing.js';
import type { VectorIndex } from './types.js';

const DIMS = 8;
const kinds: [string, () => VectorIndex][] = [
  ['exact', () => new BruteForceIndex(DIMS, 4)],
  ['hnsw', () => new HnswIndex({ dims: DIMS })],
];
const row = (data: Float32Array, i: number) => data.slice(i * DIMS, (i + 1) * DIMS);

describe.each(kinds)('%s index', (_, make) => {
  const data = randomUnitVectors(300, DIMS, 7);
  const query = randomUnitVectors(1, DIMS, 8);
  const oracle = new BruteForceIndex(DIMS);
  oracle.addBatch(range(300), data);

  it('is empty at first', () => {
    const index = make();
    expect(index.size).toBe(0);
    expect(index.has(0)).toBe(false);
    expect(index.search(query, 5).keys.length).toBe(0);
    index.remove(3);
  });

  it('returns everything, best first, when k exceeds the size', () => {
    const index = make();
    index.addBatch([5, 6, 7], data.subarray(0, 3 * DIMS));
    const hits = index.search(query, 10);
    expect([...hits.keys].sort()).toEqual([5, 6, 7]);
    for (let i = 1; i < hits.scores.length; i++)
      expect(hits.scores[i]!).toBeLessThanOrEqual(hits.scores[i - 1]!);
    expect(index.search(query, 0).keys.length).toBe(0);
  });

  it('scores by inner product, exactly for what it returns', () => {
    const index = make();
    index.addBatch(range(300), data);
    expect(index.size).toBe(300);
    const hits = index.search(query, 10);
    const exact = oracle.search(query, 300);
    const byKey = new Map([...exact.keys].map((k, i) => [k, exact.scores[i]!]));
    hits.keys.forEach((k, i) => expect(hits.scores[i]).toBeCloseTo(byKey.get(k)!, 5));
    expect(hits.keys[0]).toBe(exact.keys[0]);
  });

  it('never returns an excluded key, and still fills k', () => {
    const index = make();
    index.addBatch(range(300), data);
    const best = oracle.search(query, 100);
    const banned = new Set(best.keys.subarray(0, 90)); // the 90 nearest are excluded
    let calls = 0;
    const hits = index.search(query, 10, (key) => (calls++, banned.has(key)));
    expect(calls).toBeGreaterThan(0);
    expect(hits.keys.length).toBe(10);
    for (const k of hits.keys) expect(banned.has(k)).toBe(false);
    // 10 best survivors are the oracle's ranks 90..99
    expect([...hits.keys].sort()).toEqual([...best.keys.subarray(90, 100)].sort());
    const all = index.search(query, 500, (key) => key % 2 === 0);
    expect(all.keys.length).toBe(150);
    expect(index.search(query, 5, () => true).keys.length).toBe(0);
  });

  it('replaces a re-added key and forgets a removed one', () => {
    const index = make();
    index.addBatch(range(50), data.subarray(0, 50 * DIMS));
    index.add(3, query); // key 3 now holds the query itself: the best possible hit
    expect(index.size).toBe(50);
    let hits = index.search(query, 1);
    expect(hits.keys[0]).toBe(3);
    expect(hits.scores[0]).toBeCloseTo(1, 5);
    index.addBatch([3, 60], new Float32Array([...row(data, 3), ...query]));
    expect(index.size).toBe(51);
    hits = index.search(query, 1);
    expect(hits.keys[0]).toBe(60);
    index.remove(60);
    index.remove(60);
    expect(index.has(60)).toBe(false);
    expect(index.has(3)).toBe(true);
    expect(index.size).toBe(50);
    hits = index.search(query, 50);
    expect(hits.keys.length).toBe(50);
    expect(hits.keys).not.toContain(60);
    expect(hits.keys).toEqual(oracle.search(query, 50, (k) => k >= 50).keys);
  });

  it('lets the last of a key repeated in one batch win', () => {
    const index = make();
    index.addBatch([1, 2, 1], new Float32Array([...row(data, 0), ...row(data, 1), ...query]));
    expect(index.size).toBe(2);
    expect(index.search(query, 1).keys[0]).toBe(1);
    expect(index.search(query, 1).scores[0]).toBeCloseTo(1, 5);
  });
});
