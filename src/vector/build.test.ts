import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { BruteForceIndex } from './brute-force.js';
import { buildVectorIndex } from './build.js';
import { InThreadIndex } from './in-thread-index.js';
import type { ServingIndex } from './types.js';
import { WorkerIndex } from './worker-index.js';

function data(n: number, dims: number): { keys: Int32Array; vectors: Float32Array } {
  const rng = new Rng(3);
  return {
    keys: Int32Array.from({ length: n }, (_, i) => i * 2),
    vectors: Float32Array.from({ length: n * dims }, () => rng.next() - 0.5),
  };
}

describe('buildVectorIndex', () => {
  it('builds a small index at once, exactly', () => {
    const { keys, vectors } = data(100, 8);
    let got: ServingIndex | null = null;
    buildVectorIndex(8, keys, vectors, {}, (index) => (got = index));
    expect(got).toBeInstanceOf(InThreadIndex);
    expect((got as unknown as InThreadIndex).index).toBeInstanceOf(BruteForceIndex);
    expect(got!.size).toBe(100);
  });

  it('builds an HNSW index on a worker thread, which answers like the exact one', async () => {
    const dims = 16;
    const { keys, vectors } = data(2000, dims);
    const index = await new Promise<ServingIndex>((resolve, reject) =>
      buildVectorIndex(dims, keys, vectors, { kind: 'hnsw' }, resolve, reject),
    );
    expect(index).toBeInstanceOf(WorkerIndex);
    expect(index.size).toBe(2000);
    const exact = new BruteForceIndex(dims);
    exact.addBatch(keys, vectors);
    const query = vectors.slice(0, dims);
    const want = new Set(exact.search(query, 10).keys);
    const hits = [...(await index.search(query, 10, new Int32Array(0))).keys].filter((k) => want.has(k));
    expect(hits.length).toBeGreaterThanOrEqual(9);
    index.close();
  });
});
