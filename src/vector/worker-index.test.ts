import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { BruteForceIndex } from './brute-force.js';
import { HNSW_DEFAULTS } from './hnsw.js';
import { WorkerIndex } from './worker-index.js';

const DIMS = 8;

function vectors(n: number, seed = 5): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * DIMS }, () => rng.next() - 0.5);
}

function build(keys: Int32Array, data: Float32Array): Promise<WorkerIndex> {
  return new Promise((resolve, reject) => {
    new WorkerIndex(DIMS, keys, data, HNSW_DEFAULTS, { built: resolve, failed: reject });
  });
}

const none = new Int32Array(0);

describe('WorkerIndex', () => {
  it('answers searches from its thread as the exact scan does, leaving out the excluded keys', async () => {
    const n = 500;
    const keys = Int32Array.from({ length: n }, (_, i) => i);
    const data = vectors(n);
    const index = await build(keys, data);
    const exact = new BruteForceIndex(DIMS);
    exact.addBatch(keys, data);
    const query = data.slice(3 * DIMS, 4 * DIMS);
    const excluded = exact.search(query, 5).keys; // the five nearest
    const leftOut = new Set(excluded);
    const want = exact.search(query, 20, (k) => leftOut.has(k)).keys;
    const got = await index.search(query, 20, excluded);
    expect(got.keys).toHaveLength(20);
    expect([...got.keys].some((k) => leftOut.has(k))).toBe(false);
    // 500 vectors in an HNSW graph of degree 24: the search is exact in practice.
    expect([...got.keys]).toEqual([...want]);
    for (let i = 0; i < got.keys.length; i++) {
      const v = data.subarray(got.keys[i]! * DIMS, (got.keys[i]! + 1) * DIMS);
      expect(got.scores[i]).toBeCloseTo(
        v.reduce((s, x, d) => s + x * query[d]!, 0),
        5,
      );
    }
    index.close();
  });

  it('a search sees every add and remove asked before it', async () => {
    const index = await build(Int32Array.from([0, 1, 2]), vectors(3));
    const target = Float32Array.from({ length: DIMS }, (_, d) => (d === 0 ? 10 : 0));
    index.add(7, target);
    const afterAdd = index.search(target, 1, none);
    index.remove(7);
    const afterRemove = index.search(target, 3, none);
    expect((await afterAdd).keys[0]).toBe(7);
    expect([...(await afterRemove).keys].sort()).toEqual([0, 1, 2]);
    expect(index.size).toBe(3);
    index.close();
  });

  it('closing waits for the searches already asked, then refuses new ones', async () => {
    const index = await build(Int32Array.from([0, 1, 2, 3]), vectors(4));
    const asked = index.search(vectors(1, 9), 2, none);
    index.close();
    expect((await asked).keys).toHaveLength(2);
    await expect(index.search(vectors(1, 9), 2, none)).rejects.toThrow(/closed/);
  });

  it('says it is broken when its thread dies, and fails the searches waiting on it', async () => {
    const index = await build(Int32Array.from([0, 1, 2, 3]), vectors(4));
    expect(index.broken).toBeNull();
    const asked = index.search(vectors(1, 9), 2, none);
    // What a crash of the native addon would do to the thread.
    await (index as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(asked).rejects.toThrow(/exited/);
    expect(index.broken?.message).toMatch(/exited/);
    await expect(index.search(vectors(1, 9), 2, none)).rejects.toThrow(/exited/);
  });

  it('reports a build that fails', async () => {
    // usearch refuses a key twice in one batch.
    await expect(build(Int32Array.from([4, 4]), vectors(2))).rejects.toThrow(/build failed/);
  });
});
