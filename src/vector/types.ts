// The vector index used by embedding recall: nearest neighbours by inner product over item
// embeddings. Keys are the caller's dense item indices; callers L2-normalise vectors (and queries)
// when they want cosine similarity.

/** Search results, best first: `scores[i]` is the inner product of the query with `keys[i]`'s vector. */
export interface VectorHits {
  keys: Int32Array;
  scores: Float32Array;
}

export interface VectorIndex {
  /** Length of every vector and query. */
  readonly dims: number;
  /** Number of vectors held. */
  readonly size: number;
  /** Adds `vector` (copied) under `key`; re-adding a key replaces its vector. */
  add(key: number, vector: Float32Array): void;
  /** Adds `keys.length` vectors given as one flat array of `keys.length * dims` numbers. */
  addBatch(keys: Int32Array | readonly number[], vectors: Float32Array): void;
  /** Removes `key`'s vector; no-op when absent. */
  remove(key: number): void;
  has(key: number): boolean;
  /**
   * The `k` vectors with the highest inner product with `query`, best first; fewer when the index
   * holds fewer. Keys for which `exclude` returns true are never returned and do not take a place.
   * `maxExcluded`, when the caller knows it, bounds how many keys `exclude` can refuse, which lets
   * an approximate index fetch just enough.
   */
  search(
    query: Float32Array,
    k: number,
    exclude?: (key: number) => boolean,
    maxExcluded?: number,
  ): VectorHits;
}

/** Largest key: keys are returned in an Int32Array. */
export const MAX_KEY = 0x7fffffff;

export function checkKey(key: number): void {
  if (!Number.isInteger(key) || key < 0 || key > MAX_KEY)
    throw new RangeError(`vector key must be an integer in [0, ${MAX_KEY}], got ${key}`);
}

export function checkVector(vector: Float32Array, dims: number, what = 'vector'): void {
  if (vector.length !== dims) throw new RangeError(`${what} has ${vector.length} numbers, expected ${dims}`);
}

export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
}

export function checkBatch(keys: Int32Array | readonly number[], vectors: Float32Array, dims: number): void {
  if (vectors.length !== keys.length * dims)
    throw new RangeError(`${keys.length} keys need ${keys.length * dims} numbers, got ${vectors.length}`);
  for (let i = 0; i < keys.length; i++) checkKey(keys[i]!);
}

export function checkDims(dims: number): void {
  if (!Number.isInteger(dims) || dims <= 0)
    throw new RangeError(`dims must be a positive integer, got ${dims}`);
}

export function emptyHits(): VectorHits {
  return { keys: new Int32Array(0), scores: new Float32Array(0) };
}

/**
 * An index as recall serves from it: the keys to leave out come as a list, so that the search can
 * run on another thread, and the answer may come later (a promise) or at once.
 */
export interface ServingIndex {
  readonly dims: number;
  /** Number of vectors held. */
  readonly size: number;
  /** Adds `vector` under `key`, replacing a vector already there; searches asked later see it. */
  add(key: number, vector: Float32Array): void;
  remove(key: number): void;
  /** The `k` best by inner product, best first, none of them in `excluded`. */
  search(query: Float32Array, k: number, excluded: Int32Array): VectorHits | Promise<VectorHits>;
  /** Why the index can no longer serve (e.g. its worker thread died), or null while it can. */
  readonly broken: Error | null;
  /** Frees the index once the searches already asked of it have answered. */
  close(): void;
}
