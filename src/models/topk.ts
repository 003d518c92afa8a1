// Top-k selection over a dense score array with a bounded min-heap: O(n log k), no allocation of
// n-sized temporaries. Equal scores rank the lower item index first, so results are deterministic.
import type { Exclusion, Recommender } from './types.js';

function isBetter(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa > sb || (sa === sb && ia < ib);
}

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
  const heapIdx = new Int32Array(k);
  const heapVal = new Float32Array(k);
  let size = 0;
  const n = candidates ? candidates.length : scores.length;
  for (let c = 0; c < n; c++) {
    const i = candidates ? candidates[c]! : c;
    if (skip && skip[i]) continue;
    const s = scores[i]!;
    if (Number.isNaN(s)) continue;
    if (size < k) {
      // sift up: the root holds the worst kept item
      let pos = size++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!isBetter(heapVal[parent]!, heapIdx[parent]!, s, i)) break;
        heapIdx[pos] = heapIdx[parent]!;
        heapVal[pos] = heapVal[parent]!;
        pos = parent;
      }
      heapIdx[pos] = i;
      heapVal[pos] = s;
    } else if (k > 0 && isBetter(s, i, heapVal[0]!, heapIdx[0]!)) {
      let pos = 0;
      for (;;) {
        const left = 2 * pos + 1;
        if (left >= size) break;
        const right = left + 1;
        let worst = left;
        if (right < size && isBetter(heapVal[left]!, heapIdx[left]!, heapVal[right]!, heapIdx[right]!))
          worst = right;
        if (!isBetter(s, i, heapVal[worst]!, heapIdx[worst]!)) break;
        heapIdx[pos] = heapIdx[worst]!;
        heapVal[pos] = heapVal[worst]!;
        pos = worst;
      }
      heapIdx[pos] = i;
      heapVal[pos] = s;
    }
  }
  const order = Array.from({ length: size }, (_, j) => j).sort((a, b) =>
    isBetter(heapVal[a]!, heapIdx[a]!, heapVal[b]!, heapIdx[b]!) ? -1 : 1,
  );
  return Int32Array.from(order, (j) => heapIdx[j]!);
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
