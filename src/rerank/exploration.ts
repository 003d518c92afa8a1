// Exploration slots: at a few fixed positions of the page, a candidate the feed knows little about,
// chosen by Thompson sampling. Each candidate with fewer than `maxImpressions` lifetime impressions
// draws a completion rate from its posterior Beta(completions + alpha, plays - completions + beta);
// the best draws take the slots, best draw first. A video with little evidence draws widely, so it
// gets its chance, while one that keeps failing draws low; as evidence builds, the draws settle on
// the rate. Draws are seeded by the request id: the same request explores the same way (a test, a
// replay), and requests differ from one another. A candidate the user said "not interested" to is
// never explored.
import type { Candidate, FeedQuery, Selector } from '../core/index.js';
import { Rng, hashString } from '../core/index.js';
import type { CounterView } from './counters.js';
import { addReason, isSuppressed } from './reasons.js';

export interface ExplorationOptions {
  /** Page positions (0-based) filled by exploration, ascending. */
  slots: readonly number[];
  /** Uncertain: fewer lifetime impressions than this. */
  maxImpressions: number;
  /** The Beta prior's pseudo-counts of completions (alpha) and of plays not completed (beta). */
  alpha: number;
  beta: number;
  /** Only the best `depth` candidates by rank are drawn from, so exploration stays relevant. */
  depth: number;
}

export class ExplorationSelector implements Selector {
  readonly name = 'exploration';

  constructor(
    private readonly counters: CounterView,
    private readonly options: ExplorationOptions,
  ) {}

  select(query: FeedQuery, ranked: Candidate[], n: number): Candidate[] {
    const page = Math.min(n, ranked.length);
    const { slots, maxImpressions, alpha, beta, depth } = this.options;
    let used = 0;
    while (used < slots.length && slots[used]! < page) used += 1;
    if (used === 0) return ranked;
    // Candidates above the first slot are already shown on their merit; draw from the rest.
    const from = slots[0]!;
    const to = Math.min(ranked.length, Math.max(depth, page));
    const rng = new Rng(hashString(query.request.requestId));
    // The best `used` draws, kept sorted (best first) in two small arrays: no per-candidate objects.
    const winners = new Int32Array(used).fill(-1);
    const draws = new Float64Array(used).fill(-1);
    const counts = this.counters.columns();
    for (let i = from; i < to; i++) {
      if (isSuppressed(ranked[i]!)) continue;
      const o = ranked[i]!.entry.ordinal;
      const counted = o < counts.length;
      const impressions = counted ? counts.impressions[o]! : 0;
      if (impressions >= maxImpressions) continue;
      const plays = counted ? counts.plays[o]! : 0;
      const completions = Math.min(counted ? counts.completions[o]! : 0, plays);
      const draw = rng.beta(completions + alpha, plays - completions + beta);
      if (draw <= draws[used - 1]!) continue;
      let k = used - 1;
      for (; k > 0 && draws[k - 1]! < draw; k--) {
        draws[k] = draws[k - 1]!;
        winners[k] = winners[k - 1]!;
      }
      draws[k] = draw;
      winners[k] = i;
    }
    if (winners[0]! < 0) return ranked;
    // Take the winners out, then put them in at their slots (in slot order, so positions hold).
    const chosen: Candidate[] = [];
    for (let k = 0; k < used && winners[k]! >= 0; k++) chosen.push(ranked[winners[k]!]!);
    const rest = ranked.filter((c) => !chosen.includes(c));
    for (let k = 0; k < chosen.length; k++) {
      addReason(chosen[k]!, 'explore');
      rest.splice(slots[k]!, 0, chosen[k]!);
    }
    return rest;
  }
}
