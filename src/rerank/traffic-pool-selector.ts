// Reserved slots for the traffic pools: at each configured position of the page, the best-ranked
// candidate the pools still owe impressions to. One already at or below the slot inside the page
// fills it where it stands; otherwise the best one from further down moves up into it. Candidates
// above the slot do not count: they were placed there on their own merit. A candidate the user
// said "not interested" to never takes a slot.
import type { Candidate, FeedQuery, Selector } from '../core/index.js';
import { addReason, isSuppressed } from './reasons.js';
import type { TrafficPools } from './traffic-pools.js';

export interface TrafficPoolSlotOptions {
  /** Page positions (0-based) reserved for owed videos, ascending. */
  slots: readonly number[];
}

export class TrafficPoolSelector implements Selector {
  readonly name = 'traffic_pools';

  constructor(
    private readonly pools: TrafficPools,
    private readonly options: TrafficPoolSlotOptions,
  ) {}

  select(_query: FeedQuery, ranked: Candidate[], n: number): Candidate[] {
    const page = Math.min(n, ranked.length);
    if (this.pools.columns().owed.length === 0) return ranked; // nothing owed to anyone: no scan
    let out = ranked;
    let from = 0; // a candidate credited to one slot is not credited to the next
    for (const slot of this.options.slots) {
      if (slot >= page) break;
      let i = Math.max(slot, from);
      while (i < out.length && (!this.pools.owesAt(out[i]!.entry.ordinal) || isSuppressed(out[i]!))) i += 1;
      if (i >= out.length) break; // nothing owed left below: later slots find nothing either
      const c = out[i]!;
      addReason(c, `pool:L${this.pools.standingAt(c.entry.ordinal)!.level}`);
      if (i >= page) {
        if (out === ranked) out = ranked.slice(); // the caller's list is left as it was
        out.splice(i, 1);
        out.splice(slot, 0, c);
        from = slot + 1;
      } else from = i + 1;
    }
    return out;
  }
}
