// Vector indexes for embedding recall: exact (BruteForceIndex) and approximate (HnswIndex, usearch),
// both behind VectorIndex. Imports nothing of ours.
import { BruteForceIndex } from './brute-force.js';
import { HnswIndex, type HnswOptions } from './hnsw.js';
import type { VectorIndex } from './types.js';

export type { ServingIndex, VectorHits, VectorIndex } from './types.js';
export { MAX_KEY } from './types.js';
export { BruteForceIndex } from './brute-force.js';
export { InThreadIndex } from './in-thread-index.js';
export { WorkerIndex, type WorkerIndexSettings } from './worker-index.js';
export { HNSW_DEFAULTS, HnswIndex, type HnswOptions } from './hnsw.js';

/**
 * 'auto' scans exactly while expectedSize x dims stays within this many multiply-adds per query:
 * 10,000 vectors of 64 dims, which bench/ann measured at 1.0-1.4 ms p50 (linear in both).
 * Beyond that HNSW answers in a fraction of a millisecond; below it exact is fast enough, has no
 * build cost, loses no recall and updates in place.
 */
export const AUTO_EXACT_WORK = 640_000;

/** The catalog size from which 'auto' builds an HNSW index for `dims`-dimensional vectors. */
export function autoExactBelow(dims: number): number {
  return Math.floor(AUTO_EXACT_WORK / dims);
}

export interface VectorIndexOptions extends Omit<HnswOptions, 'dims'> {
  /** 'exact' scans every vector; 'hnsw' is approximate; 'auto' (default) picks by `expectedSize`. */
  kind?: 'hnsw' | 'exact' | 'auto';
  /** How many vectors the index will hold; 'auto' is exact below autoExactBelow(dims). Unknown: hnsw. */
  expectedSize?: number;
}

/**
 * A vector index of `dims` dimensions. 'auto' chooses once, at construction, from `expectedSize`
 * (the catalog's size): an index does not switch kind as it grows, so give the size it will reach.
 */
export function createVectorIndex(dims: number, options: VectorIndexOptions = {}): VectorIndex {
  const { kind = 'auto', expectedSize, ...hnsw } = options;
  const exact =
    kind === 'exact' ||
    (kind === 'auto' && expectedSize !== undefined && expectedSize < autoExactBelow(dims));
  if (exact) return new BruteForceIndex(dims, Math.max(1024, expectedSize ?? 0));
  return new HnswIndex({ ...hnsw, dims });
}
export { buildVectorIndex, type IndexBuild } from './build.js';
