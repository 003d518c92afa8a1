// Exact nearest neighbours by scanning every vector: the oracle the approximate index is tested
// against, and the right index for small catalogs (no build cost, exact, cheap updates).
//
// Vectors live in one contiguous Float32Array that doubles when full; `keyOf[slot]` and `slotOf`
// map both ways, and a removal moves the last vector into the freed slot, so the scan never meets
// a hole. Top-k is core's bounded heap; equal scores rank the lower key first.
import { TopK } from '../core/index.js';
import {
  checkBatch,
  checkDims,
  checkK,
  checkKey,
  checkVector,
  emptyHits,
  type VectorHits,
  type VectorIndex,
} from './types.js';

export class BruteForceIndex implements VectorIndex {
  readonly dims: number;
  private data: Float32Array;
  private keyOf: Int32Array;
  private readonly slotOf = new Map<number, number>();
  private count = 0;

  constructor(dims: number, capacity = 1024) {
    checkDims(dims);
    this.dims = dims;
    const cap = Math.max(1, Math.ceil(capacity));
    this.data = new Float32Array(cap * dims);
    this.keyOf = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  has(key: number): boolean {
    return this.slotOf.has(key);
  }

  add(key: number, vector: Float32Array): void {
    checkKey(key);
    checkVector(vector, this.dims);
    this.put(key, vector, 0);
  }

  addBatch(keys: Int32Array | readonly number[], vectors: Float32Array): void {
    checkBatch(keys, vectors, this.dims);
    this.reserve(this.count + keys.length);
    for (let i = 0; i < keys.length; i++) this.put(keys[i]!, vectors, i * this.dims);
  }

  remove(key: number): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.slotOf.delete(key);
    const last = --this.count;
    if (slot !== last) {
      const d = this.dims;
      this.data.copyWithin(slot * d, last * d, last * d + d);
      const moved = this.keyOf[last]!;
      this.keyOf[slot] = moved;
      this.slotOf.set(moved, slot);
    }
  }

  search(query: Float32Array, k: number, exclude?: (key: number) => boolean): VectorHits {
    checkVector(query, this.dims, 'query');
    checkK(k);
    const want = Math.min(k, this.count);
    if (want === 0) return emptyHits();
    const top = new TopK(want);
    const { data, dims, keyOf } = this;
    for (let slot = 0; slot < this.count; slot++) {
      const s = dot(query, data, slot * dims, dims);
      const key = keyOf[slot]!;
      // Only a vector that would enter the heap is offered to `exclude`, which saves most calls.
      if (!top.admits(s, key) || (exclude && exclude(key))) continue;
      top.push(s, key);
    }
    const { keys, scores } = top.sorted();
    return { keys, scores: Float32Array.from(scores) };
  }

  private put(key: number, source: Float32Array, offset: number): void {
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      this.reserve(this.count + 1);
      slot = this.count++;
      this.keyOf[slot] = key;
      this.slotOf.set(key, slot);
    }
    this.data.set(source.subarray(offset, offset + this.dims), slot * this.dims);
  }

  private reserve(n: number): void {
    const cap = this.keyOf.length;
    if (n <= cap) return;
    let next = cap * 2;
    while (next < n) next *= 2;
    const data = new Float32Array(next * this.dims);
    data.set(this.data.subarray(0, this.count * this.dims));
    this.data = data;
    const keyOf = new Int32Array(next);
    keyOf.set(this.keyOf.subarray(0, this.count));
    this.keyOf = keyOf;
  }
}

function dot(q: Float32Array, data: Float32Array, off: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    s0 += q[i]! * data[off + i]!;
    s1 += q[i + 1]! * data[off + i + 1]!;
    s2 += q[i + 2]! * data[off + i + 2]!;
    s3 += q[i + 3]! * data[off + i + 3]!;
  }
  for (; i < dims; i++) s0 += q[i]! * data[off + i]!;
  return s0 + s1 + (s2 + s3);
}
