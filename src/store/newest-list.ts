// The catalog's newest-first lists, kept up to date change by change. Re-sorting 100,000 entries
// after each upload took 122 ms on the serving thread (bench/recall/stalls.ts, 2026-12-07), and
// uploads arrive all day; a merge copies pointers and reads only the entries it compares.
import type { CatalogItem } from '../core/index.js';

/** Newest first; equal times by ordinal, so a merged list equals a sorted one exactly. */
export function newestFirst(a: CatalogItem, b: CatalogItem): number {
  return b.createdAtMs - a.createdAtMs || a.ordinal - b.ordinal;
}

/** The first index of `list` (in newestFirst order) that `entry` sorts before or equals. */
function lowerBound(list: readonly CatalogItem[], entry: CatalogItem): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newestFirst(list[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `list` (in newestFirst order) without the entries `removed` and with the entries `added`, as a
 * new array: the old one is left as it was, since callers key caches on a list's identity. Each
 * removed entry must be in `list` (the same object); added ones must not.
 */
export function mergeNewest(
  list: readonly CatalogItem[],
  removed: readonly CatalogItem[],
  added: readonly CatalogItem[],
): CatalogItem[] {
  const gone = new Set<number>();
  for (const entry of removed) {
    const at = lowerBound(list, entry);
    if (list[at] !== entry) throw new Error(`mergeNewest: ${entry.item.id} is not in the list`);
    gone.add(at);
  }
  const sortedAdded = [...added].sort(newestFirst);
  const out: CatalogItem[] = [];
  let next = 0;
  for (const entry of sortedAdded) {
    for (const end = lowerBound(list, entry); next < end; next++) if (!gone.has(next)) out.push(list[next]!);
    out.push(entry);
  }
  for (; next < list.length; next++) if (!gone.has(next)) out.push(list[next]!);
  return out;
}
