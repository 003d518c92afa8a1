// Seeded random unit vectors for the vector index tests.
import { Rng } from '../core/index.js';

/** `n` vectors of `dims` normal draws each, L2-normalised, in one flat array. */
export function randomUnitVectors(n: number, dims: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x = rng.normal();
      out[i * dims + d] = x;
      norm += x * x;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[i * dims + d] = out[i * dims + d]! * inv;
  }
  return out;
}

export function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
