// Top-k selection over a dense score array (core's TopK heap): O(n log k), no n-sized temporaries.
// Equal scores rank the lower item index first, so results are deterministic.
import { TopK } from '../core/index.js';
import type { Exclusion, Recommender } from './types.js';

/**
 * Indices of the k highest scores, best first. `skip[i] = 1` leaves item i out; `candidates`
 * restricts the search to those indices.
 */
export function topK(
  scores: Float32Array,
  k: number,
  skip?: Uint8Array,
  candidates?: Int32Array,
): Int32Array {
  const top = new TopK(k);
  const n = candidates ? candidates.length : scores.length;
  for (let c = 0; c < n; c++) {
    const i = candidates ? candidates[c]! : c;
    if (skip && skip[i]) continue;
    const s = scores[i]!;
    if (!Number.isNaN(s)) top.push(s, i);
  }
  return top.sorted().keys;
}

/** The model's k best items for a user, leaving out the excluded ones. */
export function recommend(
  model: Recommender,
  user: number,
  k: number,
  nItems: number,
  exclude?: Exclusion,
): Int32Array {
  const scores = new Float32Array(nItems);
  model.scoreUser(user, scores);
  let skip: Uint8Array | undefined;
  if (exclude instanceof Uint8Array) skip = exclude;
  else if (exclude) {
    skip = new Uint8Array(nItems);
    if (typeof exclude === 'function') {
      for (let i = 0; i < nItems; i++) if (exclude(i)) skip[i] = 1;
    } else for (const i of exclude) if (i >= 0 && i < nItems) skip[i] = 1;
  }
  return topK(scores, k, skip);
}
