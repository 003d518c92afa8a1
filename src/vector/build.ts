// Building the index recall serves from without stalling requests. An HNSW build costs about a
// minute per 100,000 vectors here (bench/ann) and usearch's native add holds the thread it runs
// on, so a large index is built on a worker thread of its own, which then keeps it and answers its
// searches (worker-index.ts); requests meanwhile keep whatever they were using. Small indexes
// ('auto' chooses an exact scan) are built at once and searched in the caller's thread.
import { HNSW_DEFAULTS } from './hnsw.js';
import { InThreadIndex } from './in-thread-index.js';
import { autoExactBelow, createVectorIndex, type VectorIndexOptions } from './index.js';
import { checkBatch, type ServingIndex } from './types.js';
import { WorkerIndex } from './worker-index.js';

export interface IndexBuild {
  /** Stops a build in progress; its callbacks are never called. */
  cancel(): void;
}

/**
 * Builds an index over `keys` (vectors flat, keys.length x dims) and hands it to `ready`: at once
 * for an exact index, from its worker thread for HNSW. `failed` gets a worker's error.
 */
export function buildVectorIndex(
  dims: number,
  keys: Int32Array,
  vectors: Float32Array,
  options: VectorIndexOptions,
  ready: (index: ServingIndex) => void,
  failed: (error: Error) => void = () => {},
): IndexBuild {
  const { kind = 'auto', expectedSize = keys.length } = options;
  if (kind === 'exact' || (kind === 'auto' && expectedSize < autoExactBelow(dims))) {
    const index = createVectorIndex(dims, { ...options, kind: 'exact', expectedSize });
    index.addBatch(keys, vectors);
    ready(new InThreadIndex(index));
    return { cancel: () => {} };
  }
  checkBatch(keys, vectors, dims);
  let cancelled = false;
  const index = new WorkerIndex(
    dims,
    keys,
    vectors,
    {
      connectivity: options.connectivity ?? HNSW_DEFAULTS.connectivity,
      expansionAdd: options.expansionAdd ?? HNSW_DEFAULTS.expansionAdd,
      expansionSearch: options.expansionSearch ?? HNSW_DEFAULTS.expansionSearch,
      threads: options.threads ?? HNSW_DEFAULTS.threads,
    },
    {
      built: (built) => {
        if (!cancelled) ready(built);
      },
      failed: (error) => {
        if (!cancelled) failed(error);
      },
    },
  );
  return {
    cancel: () => {
      cancelled = true;
      index.close();
    },
  };
}
