// Pre-split filters: drop low ratings, drop users or items with too few interactions, k-core.
import { rowsWhere, selectRows, type Interactions } from '../interactions.js';

/** Keeps interactions whose rating is at least `min` (RecBole's `val_interval` on rating). */
export function filterByRating(data: Interactions, min: number): Interactions {
  return selectRows(
    data,
    rowsWhere(data, (r) => data.rating[r]! >= min),
  );
}

function counts(data: Interactions, by: 'user' | 'item', alive?: Uint8Array): Int32Array {
  const key = by === 'user' ? data.user : data.item;
  const out = new Int32Array(by === 'user' ? data.nUsers : data.nItems);
  for (let r = 0; r < data.length; r++) if (!alive || alive[r]) out[key[r]!]!++;
  return out;
}

/**
 * Keeps users (or items) with at least `min` interactions: Microsoft Recommenders'
 * `min_rating_filter_pandas` (its "min_rating" is a count, not a rating value).
 */
export function filterByCount(data: Interactions, by: 'user' | 'item', min: number): Interactions {
  if (min <= 1) return data;
  const n = counts(data, by);
  const key = by === 'user' ? data.user : data.item;
  return selectRows(
    data,
    rowsWhere(data, (r) => n[key[r]!]! >= min),
  );
}

/** Repeatedly drops users and items with fewer than `k` interactions until none remain (k-core). */
export function kCore(data: Interactions, k: number): Interactions {
  if (k <= 1) return data;
  const alive = new Uint8Array(data.length).fill(1);
  for (;;) {
    const byUser = counts(data, 'user', alive);
    const byItem = counts(data, 'item', alive);
    let removed = 0;
    for (let r = 0; r < data.length; r++) {
      if (alive[r] && (byUser[data.user[r]!]! < k || byItem[data.item[r]!]! < k)) {
        alive[r] = 0;
        removed++;
      }
    }
    if (removed === 0) break;
  }
  return selectRows(
    data,
    rowsWhere(data, (r) => alive[r] === 1),
  );
}
