import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BruteForceIndex } from './brute-force.js';
import { HNSW_DEFAULTS, HnswIndex } from './hnsw.js';
import { autoExactBelow, createVectorIndex } from './index.js';
import { randomUnitVectors, range } from './testing.js';

const N = 5000;
const DIMS = 32;
const data = randomUnitVectors(N, DIMS, 1);
const queries = randomUnitVectors(200, DIMS, 2);
const oracle = new BruteForceIndex(DIMS);
oracle.addBatch(range(N), data);
const hnsw = new HnswIndex({ dims: DIMS });
hnsw.addBatch(range(N), data);
const dir = mkdtempSync(join(tmpdir(), 'foryou-vector-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recall(index: HnswIndex, k: number, exclude?: (key: number) => boolean): number {
  let found = 0;
  for (let q = 0; q < 200; q++) {
    const query = queries.subarray(q * DIMS, (q + 1) * DIMS);
    const truth = new Set(oracle.search(query, k, exclude).keys);
    for (const key of index.search(query, k, exclude).keys) if (truth.has(key)) found++;
  }
  return found / (200 * k);
}

describe('HnswIndex', () => {
  it('with a bound on the excluded keys, still returns k survivors, none excluded', () => {
    const dims = 8;
    const index = new HnswIndex({ dims });
    index.addBatch(range(500), randomUnitVectors(500, dims, 5));
    const query = randomUnitVectors(1, dims, 6);
    const nearest = [...index.search(query, 30).keys];
    const excluded = new Set(nearest.slice(0, 20));
    const hits = index.search(query, 20, (key) => excluded.has(key), excluded.size);
    expect(hits.keys.length).toBe(20);
    for (const key of hits.keys) expect(excluded.has(key)).toBe(false);
  });

  it('finds >= 95% of the true top 10 among 5,000 random unit vectors in 32-d', () => {
    expect(hnsw.size).toBe(N);
    expect(recall(hnsw, 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps its recall when most near neighbours are excluded', () => {
    const odd = (key: number) => key % 3 !== 0; // two thirds of the catalog excluded
    expect(recall(hnsw, 10, odd)).toBeGreaterThanOrEqual(0.95);
  });

  it('saves and loads, with another expansionSearch', () => {
    const path = join(dir, 'index.usearch');
    hnsw.save(path);
    const loaded = HnswIndex.load(path, DIMS, { expansionSearch: 256 });
    expect(loaded.size).toBe(N);
    expect(loaded.options.expansionSearch).toBe(256);
    expect(loaded.has(17)).toBe(true);
    expect(recall(loaded, 10)).toBeGreaterThanOrEqual(recall(hnsw, 10));
    loaded.remove(17);
    loaded.add(N, queries.subarray(0, DIMS));
    expect(loaded.search(queries.subarray(0, DIMS), 1).keys[0]).toBe(N);
    expect(() => HnswIndex.load(path, DIMS + 1)).toThrow(RangeError);
    expect(() => HnswIndex.load(join(dir, 'missing'), DIMS)).toThrow();
  });

  it('copies added vectors and reads subarray views at their offset', () => {
    const index = new HnswIndex({ dims: 2 });
    const buffer = new Float32Array([9, 9, 1, 0, 0, 1]);
    index.addBatch([1, 2], buffer.subarray(2));
    buffer.fill(0);
    const hits = index.search(new Float32Array([1, 0]), 2);
    expect([...hits.keys]).toEqual([1, 2]);
    expect([...hits.scores]).toEqual([1, 0]);
  });
});

describe('createVectorIndex', () => {
  it('is exact below the threshold, HNSW at or above it or when the size is unknown', () => {
    expect(autoExactBelow(64)).toBe(10_000);
    expect(createVectorIndex(64, { expectedSize: 9_999 })).toBeInstanceOf(BruteForceIndex);
    expect(createVectorIndex(64, { expectedSize: 10_000 })).toBeInstanceOf(HnswIndex);
    expect(createVectorIndex(32, { expectedSize: 10_000 })).toBeInstanceOf(BruteForceIndex);
    expect(createVectorIndex(4)).toBeInstanceOf(HnswIndex);
    expect(createVectorIndex(4, { kind: 'exact', expectedSize: 1e6 })).toBeInstanceOf(BruteForceIndex);
    expect(createVectorIndex(4, { kind: 'hnsw', expectedSize: 10 })).toBeInstanceOf(HnswIndex);
    const tuned = createVectorIndex(4, { kind: 'hnsw', expansionSearch: 300 }) as HnswIndex;
    expect(tuned.options.expansionSearch).toBe(300);
    const unset = new HnswIndex({ dims: 4, connectivity: undefined });
    expect(unset.options.connectivity).toBe(HNSW_DEFAULTS.connectivity);
  });
});
