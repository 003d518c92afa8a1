// Never two videos in a row from one creator, nor two in a row with one sound (when both name it).
// The page is the first sequence, in the order given, that keeps the rule: candidates are taken best
// first, and only when the tail of the page can no longer be filled does the search step back and
// try the next choice at an earlier position (a depth-first search, which on real candidate lists
// almost never backtracks). So it returns n whenever the input allows, rather than the greedy walk's
// "fewer than n" when it used up the other creators too early; a search budget bounds the rare
// hopeless input, after which the longest sequence found is returned. Never breaks the rule.
import type { Candidate, FeedQuery, Selector } from '../core/index.js';
import { addReason } from './reasons.js';

export interface SpacingOptions {
  /** Also keep two videos with one sound (`Item.soundId`) apart. */
  sound: boolean;
  /** Candidate checks the search may spend backtracking before it settles for its longest sequence. */
  searchBudget: number;
}

export const DEFAULT_SPACING: SpacingOptions = { sound: true, searchBudget: 50_000 };

export class SpacingSelector implements Selector {
  readonly name = 'spacing';

  constructor(private readonly options: SpacingOptions = DEFAULT_SPACING) {}

  /** Whether `b` may follow `a`. */
  private compatible(a: Candidate, b: Candidate): boolean {
    const x = a.entry.item;
    const y = b.entry.item;
    if (x.creatorId === y.creatorId) return false;
    return !this.options.sound || x.soundId === undefined || x.soundId !== y.soundId;
  }

  select(_query: FeedQuery, ranked: Candidate[], n: number): Candidate[] {
    const m = ranked.length;
    let target = Math.min(n, m);
    if (target <= 0) return [];
    const chosen = new Int32Array(target);
    /** Where the scan resumes at each position when the search comes back to it. */
    const resume = new Int32Array(target);
    const used = new Uint8Array(m);
    let best: Int32Array | null = null;
    let budget = this.options.searchBudget;
    let bounded = false;
    let depth = 0;
    while (depth < target) {
      const prev = depth > 0 ? ranked[chosen[depth - 1]!]! : undefined;
      let i = resume[depth]!;
      for (; i < m; i++) {
        if (used[i]) continue;
        budget -= 1;
        if (!prev || this.compatible(prev, ranked[i]!)) break;
      }
      if (i < m) {
        chosen[depth] = i;
        used[i] = 1;
        resume[depth] = i + 1;
        depth += 1;
        if (depth < target) resume[depth] = 0;
        continue;
      }
      // A dead end: nothing may follow the sequence so far.
      if (depth > (best?.length ?? 0)) best = chosen.slice(0, depth);
      if (!bounded) {
        // First dead end: the longest sequence the creator or sound counts allow may be shorter
        // than n, and searching for more than that would only spend the budget.
        bounded = true;
        target = Math.min(target, this.bound(ranked));
        if (depth >= target) break;
      }
      if (depth === 0 || budget <= 0) break;
      depth -= 1;
      used[chosen[depth]!] = 0;
    }
    const picked = depth >= target ? chosen.subarray(0, target) : (best ?? chosen.subarray(0, 0));
    return this.collect(ranked, picked);
  }

  /** The picked candidates; one taken ahead of a better one (which it had to follow) says so. */
  private collect(ranked: Candidate[], picked: Int32Array): Candidate[] {
    const out: Candidate[] = new Array<Candidate>(picked.length);
    const taken = new Uint8Array(ranked.length);
    let firstFree = 0;
    for (let k = 0; k < picked.length; k++) {
      const i = picked[k]!;
      while (taken[firstFree]) firstFree += 1;
      if (i !== firstFree) addReason(ranked[i]!, 'spacing');
      taken[i] = 1;
      out[k] = ranked[i]!;
    }
    return out;
  }

  /**
   * An upper bound on the length of any valid sequence: with one key (creator, or sound) held by `c`
   * of `t` candidates, at most 2(t - c) + 1 when c exceeds the rest plus one, else t.
   */
  private bound(ranked: Candidate[]): number {
    let limit = maxSpaced(ranked, (c) => c.entry.item.creatorId);
    if (this.options.sound)
      limit = Math.min(
        limit,
        maxSpaced(ranked, (c) => c.entry.item.soundId),
      );
    return limit;
  }
}

/** Longest sequence of `list` with no two neighbours sharing a defined key (keyless ones share nothing). */
function maxSpaced(list: readonly Candidate[], key: (c: Candidate) => string | undefined): number {
  const counts = new Map<string, number>();
  let top = 0;
  for (const c of list) {
    const k = key(c);
    if (k === undefined) continue;
    const count = (counts.get(k) ?? 0) + 1;
    counts.set(k, count);
    if (count > top) top = count;
  }
  const rest = list.length - top;
  return top > rest + 1 ? 2 * rest + 1 : list.length;
}
