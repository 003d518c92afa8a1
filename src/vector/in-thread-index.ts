// A VectorIndex served from the caller's thread: the small, exact indexes, whose scan costs less
// than a message to another thread would.
import type { ServingIndex, VectorHits, VectorIndex } from './types.js';

export class InThreadIndex implements ServingIndex {
  constructor(readonly index: VectorIndex) {}

  get dims(): number {
    return this.index.dims;
  }

  get size(): number {
    return this.index.size;
  }

  add(key: number, vector: Float32Array): void {
    this.index.add(key, vector);
  }

  remove(key: number): void {
    this.index.remove(key);
  }

  search(query: Float32Array, k: number, excluded: Int32Array): VectorHits {
    if (excluded.length === 0) return this.index.search(query, k);
    const set = new Set(excluded);
    return this.index.search(query, k, (key) => set.has(key), set.size);
  }

  readonly broken = null;

  close(): void {}
}
