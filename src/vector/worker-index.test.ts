import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { BruteForceIndex } from './brute-force.js';
import { HNSW_DEFAULTS } from './hnsw.js';
import { LOCK_TAKEOVER_MS, WorkerIndex } from './worker-index.js';

const DIMS = 8;

function vectors(n: number, seed = 5): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * DIMS }, () => rng.next() - 0.5);
}

function build(keys: Int32Array, data: Float32Array, lock?: SharedArrayBuffer): Promise<WorkerIndex> {
  return new Promise((resolve, reject) => {
    new WorkerIndex(DIMS, keys, data, HNSW_DEFAULTS, { built: resolve, failed: reject }, lock);
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

  it('indexes sharing a lock search one at a time, and each answers as its exact scan does', async () => {
    const lock = new SharedArrayBuffer(4);
    const n = 300;
    const keys = Int32Array.from({ length: n }, (_, i) => i);
    const [dataA, dataB] = [vectors(n, 1), vectors(n, 2)];
    const [a, b] = await Promise.all([build(keys, dataA, lock), build(keys, dataB, lock)]);
    const [exactA, exactB] = [new BruteForceIndex(DIMS), new BruteForceIndex(DIMS)];
    exactA.addBatch(keys, dataA);
    exactB.addBatch(keys, dataB);
    const queries = Array.from({ length: 40 }, (_, i) => dataA.slice(i * DIMS, (i + 1) * DIMS));
    const answers = await Promise.all(queries.flatMap((q) => [a.search(q, 10, none), b.search(q, 10, none)]));
    queries.forEach((q, i) => {
      expect([...answers[2 * i]!.keys]).toEqual([...exactA.search(q, 10).keys]);
      expect([...answers[2 * i + 1]!.keys]).toEqual([...exactB.search(q, 10).keys]);
    });
    expect(Atomics.load(new Int32Array(lock), 0)).toBe(0); // released after the last
    a.close();
    b.close();
  });

  it('waits while the lock is held, and takes it over from a holder that never lets go', async () => {
    const lock = new SharedArrayBuffer(4);
    const held = new Int32Array(lock);
    const index = await build(Int32Array.from([0, 1, 2]), vectors(3), lock);
    const query = vectors(1, 9);
    Atomics.store(held, 0, 1);
    let answered = false;
    const waiting = index.search(query, 1, none).then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false); // the worker cannot have waited its takeover time yet
    Atomics.store(held, 0, 0);
    Atomics.notify(held, 0);
    await waiting;
    // Held and never released, as by a worker that died searching: answered after the takeover.
    Atomics.store(held, 0, 1);
    const t0 = performance.now();
    await index.search(query, 1, none);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(LOCK_TAKEOVER_MS - 5);
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
