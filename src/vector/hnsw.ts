// Approximate nearest neighbours: an HNSW graph (Malkov & Yashunin 2016) from usearch, a native
// addon, with metric 'ip' (usearch's distance is 1 - dot, turned back into the dot here) on f32.
//
// What the Node binding of usearch 2.25 does and does not offer, and what this wrapper does about it:
// - no reserve(): every add grows the capacity itself to the next power of two above the new size
//   (amortised doubling), so there is no capacity option;
// - no filtered search from JS: exclusion overfetches k + max(k, 16) and grows the fetch (at least
//   doubling) until k survive or the index is exhausted;
// - duplicate keys are an error: re-adding a key removes it first. A removed vector leaves a
//   tombstone in the graph that the next add reuses;
// - expansion_search is fixed at construction: to try another, load a saved index with it;
// - concurrent inserts can leave nodes no search reaches (usearch issue #735, open; fix proposed in
//   #772): seen here as a search for k = size returning one fewer. Batches are therefore inserted on
//   one thread by default; `threads` trades that for build speed (bench/ann measures both).
import { Index, MetricKind, ScalarKind } from 'usearch';
import {
  checkBatch,
  checkDims,
  checkK,
  checkKey,
  checkVector,
  type VectorHits,
  type VectorIndex,
} from './types.js';

export interface HnswOptions {
  dims: number;
  /** Graph degree M (neighbours per node per layer). More: better recall, more memory, slower build. */
  connectivity?: number;
  /** Candidate list size while inserting (efConstruction). */
  expansionAdd?: number;
  /** Candidate list size while searching (ef); usearch uses max(ef, k). */
  expansionSearch?: number;
  /** Threads for addBatch (default 1, see above); 0 = one per core. Searches run on the calling thread. */
  threads?: number;
}

/**
 * Chosen with bench/ann (bench/results/README.md) on 100,000 clustered 64-d vectors, k = 100:
 * connectivity 24 beat 16 (at equal latency, higher recall and fewer badly served queries) and 32
 * (a little more recall, 13% more memory, slower); ef 192 gives recall@100 0.966 at ~0.7 ms p50.
 */
export const HNSW_DEFAULTS = {
  connectivity: 24,
  expansionAdd: 128,
  expansionSearch: 192,
  threads: 1,
} as const;

export class HnswIndex implements VectorIndex {
  readonly dims: number;
  readonly options: Readonly<Required<HnswOptions>>;
  private readonly native: Index;

  constructor(options: HnswOptions) {
    checkDims(options.dims);
    this.options = {
      dims: options.dims,
      connectivity: options.connectivity ?? HNSW_DEFAULTS.connectivity,
      expansionAdd: options.expansionAdd ?? HNSW_DEFAULTS.expansionAdd,
      expansionSearch: options.expansionSearch ?? HNSW_DEFAULTS.expansionSearch,
      threads: options.threads ?? HNSW_DEFAULTS.threads,
    };
    this.dims = options.dims;
    const { connectivity, expansionAdd, expansionSearch } = this.options;
    this.native = new Index({
      dimensions: this.dims,
      metric: MetricKind.IP,
      quantization: ScalarKind.F32,
      connectivity,
      expansion_add: expansionAdd,
      expansion_search: expansionSearch,
      multi: false,
    });
  }

  /** An index saved by `save`; `options` may set another expansionSearch than the saved one had. */
  static load(path: string, dims: number, options: Omit<HnswOptions, 'dims'> = {}): HnswIndex {
    const index = new HnswIndex({ ...options, dims });
    index.native.load(path);
    // usearch takes the dimensions from the file, whatever the index was created with.
    const saved = index.native.dimensions();
    if (saved !== dims) throw new RangeError(`${path} holds ${saved}-dimensional vectors, expected ${dims}`);
    return index;
  }

  save(path: string): void {
    this.native.save(path);
  }

  get size(): number {
    return this.native.size();
  }

  has(key: number): boolean {
    if (!Number.isInteger(key) || key < 0) return false;
    return this.native.contains(BigInt(key)) as boolean;
  }

  add(key: number, vector: Float32Array): void {
    checkKey(key);
    checkVector(vector, this.dims);
    const k = BigInt(key);
    if (this.native.contains(k)) this.native.remove(k);
    this.native.add(k, vector, 1);
  }

  addBatch(keys: Int32Array | readonly number[], vectors: Float32Array): void {
    checkBatch(keys, vectors, this.dims);
    if (keys.length === 0) return;
    const big = new BigUint64Array(keys.length);
    const seen = new Set<number>();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (seen.has(key)) {
        // A key twice in one batch: the last one wins, as with add() one by one.
        for (let j = 0; j < keys.length; j++)
          this.add(keys[j]!, vectors.subarray(j * this.dims, (j + 1) * this.dims));
        return;
      }
      seen.add(key);
      big[i] = BigInt(key);
    }
    if (this.native.size() > 0) {
      const present = this.native.contains(big) as boolean[];
      const stale = big.filter((_, i) => present[i]);
      if (stale.length > 0) this.native.remove(stale);
    }
    this.native.add(big, vectors, this.options.threads);
  }

  remove(key: number): void {
    if (!Number.isInteger(key) || key < 0) return;
    this.native.remove(BigInt(key));
  }

  search(
    query: Float32Array,
    k: number,
    exclude?: (key: number) => boolean,
    maxExcluded = Infinity,
  ): VectorHits {
    checkVector(query, this.dims, 'query');
    checkK(k);
    return searchUsearch(this.native, query, k, exclude ?? null, maxExcluded);
  }
}

/**
 * The k best matches of `query` in a usearch index that `exclude` lets through, with usearch's ip
 * distance (1 - dot) turned back into the dot. Without filtered search in the binding, it fetches
 * k + maxExcluded (when that bound is small) or twice k, and grows the fetch until k survive or the
 * index is exhausted. Self-contained on purpose: the search worker (worker-index.ts) runs this
 * function's own source text, so it calls nothing else and declares no inner functions.
 */
export function searchUsearch(
  native: Index,
  query: Float32Array,
  k: number,
  exclude: ((key: number) => boolean) | null,
  maxExcluded: number,
): VectorHits {
  const n = native.size();
  if (k === 0 || n === 0) return { keys: new Int32Array(0), scores: new Float32Array(0) };
  const filter = maxExcluded === 0 ? null : exclude;
  // k + maxExcluded always leaves k survivors; without a bound, start at twice k.
  let fetch = filter === null ? Math.min(k, n) : Math.min(n, k + Math.min(maxExcluded, Math.max(k, 16)));
  for (;;) {
    const matches = native.search(query, fetch, 1);
    const count = matches.keys.length;
    const keys = new Int32Array(Math.min(k, count));
    const scores = new Float32Array(keys.length);
    let kept = 0;
    for (let i = 0; i < count && kept < k; i++) {
      const key = Number(matches.keys[i]!);
      if (filter !== null && filter(key)) continue;
      keys[kept] = key;
      scores[kept++] = 1 - matches.distances[i]!;
    }
    if (filter === null || kept === k || count < fetch || fetch >= n)
      return kept === keys.length
        ? { keys, scores }
        : { keys: keys.slice(0, kept), scores: scores.slice(0, kept) };
    // At least double; more when the survival rate so far says doubling will not be enough.
    const needed = Math.ceil((1.25 * fetch * k) / Math.max(kept, 1));
    fetch = Math.min(n, Math.max(2 * fetch, Math.min(needed, 8 * fetch)));
  }
}
