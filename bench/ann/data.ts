// Synthetic embeddings for bench/ann. Uniform noise on the sphere is the worst case for a graph
// index and unlike learned embeddings, which bunch into topics; so the main data set is a mixture
// of Gaussian clusters of uneven size and spread, and uniform is kept as a second, harder row.
import { Rng } from '../../src/core/index.js';

export interface Dataset {
  name: string;
  items: Float32Array; // n x dims, unit rows
  queries: Float32Array; // q x dims, unit rows
  /** Per query, the items its user has seen (history and more): the exclusion of a real feed. */
  seen: Int32Array[];
}

function normalise(v: Float32Array, off: number, dims: number): void {
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[off + d]! * v[off + d]!;
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dims; d++) v[off + d] = v[off + d]! * inv;
}

/** `centre` (or nothing) plus isotropic noise of expected norm `spread`, normalised, into out[off..]. */
function around(
  rng: Rng,
  out: Float32Array,
  off: number,
  dims: number,
  spread: number,
  centre?: Float32Array,
  cOff = 0,
): void {
  const sd = spread / Math.sqrt(dims);
  for (let d = 0; d < dims; d++) out[off + d] = (centre ? centre[cOff + d]! : 0) + rng.normal(0, sd);
  normalise(out, off, dims);
}

/**
 * `clusters` topics with log-normal sizes; an item is its topic's centre plus noise of norm 0.6-1.2
 * (cosine 0.64-0.86 to the centre). A user likes 1-3 topics, has watched 8 items from them, and is
 * the normalised mean of those plus noise of norm 0.3; their 200 seen items come from their topics.
 */
export function clustered(n: number, dims: number, q: number, clusters: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const centres = new Float32Array(clusters * dims);
  for (let c = 0; c < clusters; c++) around(rng, centres, c * dims, dims, 1);
  const cumulative = new Float64Array(clusters);
  const spread = new Float64Array(clusters);
  for (let c = 0, sum = 0; c < clusters; c++) {
    cumulative[c] = sum += rng.lognormal(1, 1);
    spread[c] = rng.uniform(0.6, 1.2);
  }
  const members: number[][] = Array.from({ length: clusters }, () => []);
  const items = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const c = rng.weighted(cumulative);
    members[c]!.push(i);
    around(rng, items, i * dims, dims, spread[c]!, centres, c * dims);
  }
  return users(rng, items, dims, q, 'clustered', () => {
    const likes = Array.from({ length: 1 + rng.int(3) }, () => members[rng.weighted(cumulative)]!);
    return () => rng.pick(rng.pick(likes));
  });
}

/** Unit vectors uniform on the sphere; users are the mean of 8 random items plus noise. */
export function uniform(n: number, dims: number, q: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const items = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) around(rng, items, i * dims, dims, 1);
  return users(rng, items, dims, q, 'uniform', () => () => rng.int(n));
}

function users(
  rng: Rng,
  items: Float32Array,
  dims: number,
  q: number,
  name: string,
  taste: () => () => number,
): Dataset {
  const queries = new Float32Array(q * dims);
  const seen: Int32Array[] = [];
  const mean = new Float32Array(dims);
  for (let u = 0; u < q; u++) {
    const draw = taste();
    const watched = Int32Array.from({ length: 200 }, draw);
    mean.fill(0);
    for (let h = 0; h < 8; h++) for (let d = 0; d < dims; d++) mean[d]! += items[watched[h]! * dims + d]! / 8;
    around(rng, queries, u * dims, dims, 0.3, mean);
    seen.push(watched);
  }
  return { name, items, queries, seen };
}
