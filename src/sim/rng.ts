// Sampling helpers of the simulator, over the seeded generator of core.
import { Rng, hash32 } from '../core/index.js';

/** Prefix sums, for `Rng.weighted`. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!;
    out[i] = sum;
  }
  return out;
}

// 64k standard normals drawn once; a hash of (a, b) picks one. Cheaper than Box-Muller per pair
// and plenty for taste noise.
const NORMALS = (() => {
  const rng = new Rng(0x7a57e);
  const table = new Float32Array(1 << 16);
  for (let i = 0; i < table.length; i++) table[i] = rng.normal();
  return table;
})();

/**
 * A standard normal that is a pure function of (a, b): the per-(user, video) taste noise, which
 * the oracle must see exactly as the users do, without storing users x videos numbers.
 */
export function pairNormal(a: number, b: number): number {
  return NORMALS[hash32(Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) & 0xffff]!;
}
