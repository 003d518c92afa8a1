// Topic spread: among any `window` consecutive videos of a page, at most `maxPerTopic` share a
// topic. The page is filled best first; a candidate that would crowd a topic waits for a later
// position, and the best one that fits (within `lookahead` candidates) moves up instead. A soft rule:
// when nothing within reach fits, the best candidate is taken anyway, since a page of one topic
// beats a short page. Candidates past the page keep their order, for the selectors that follow.
import type { Candidate, FeedQuery, Selector } from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import { addReason } from './reasons.js';

export interface TopicSpreadOptions {
  /** Positions the rule looks back over (the current one included). */
  window: number;
  /** Most videos of one topic within any window. */
  maxPerTopic: number;
  /** Candidates examined per position for one that fits; bounds the cost of a crowded list. */
  lookahead: number;
}

export class TopicSpreadSelector implements Selector {
  readonly name = 'topic_spread';

  constructor(
    /** Topics of each item (given by the uploader or predicted from hashtags). */
    private readonly labeller: Pick<ItemLabeller, 'of'>,
    private readonly options: TopicSpreadOptions,
  ) {}

  select(_query: FeedQuery, ranked: Candidate[], n: number): Candidate[] {
    const m = ranked.length;
    const page = Math.min(n, m);
    const { window, maxPerTopic, lookahead } = this.options;
    if (page <= 1 || window <= 1) return ranked;
    const out: Candidate[] = [];
    const taken = new Uint8Array(m);
    /** Topic counts over the last `window - 1` placed (the position being filled completes it). */
    const counts = new Map<string, number>();
    const placed: (readonly string[])[] = [];
    let first = 0;
    for (let pos = 0; pos < page; pos++) {
      while (taken[first]) first += 1;
      let pick = first;
      for (let i = first, seen = 0; i < m && seen < lookahead; i++) {
        if (taken[i]) continue;
        seen += 1;
        if (this.fits(ranked[i]!, counts, maxPerTopic)) {
          pick = i;
          break;
        }
      }
      const chosen = ranked[pick]!;
      if (pick !== first) addReason(chosen, 'topic_spread');
      taken[pick] = 1;
      out.push(chosen);
      const topics = this.labeller.of(chosen.entry).topics;
      for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1);
      placed.push(topics);
      if (placed.length >= window) {
        for (const t of placed[placed.length - window]!) counts.set(t, counts.get(t)! - 1);
      }
    }
    for (let i = first; i < m; i++) if (!taken[i]) out.push(ranked[i]!);
    return out;
  }

  private fits(c: Candidate, counts: Map<string, number>, max: number): boolean {
    for (const t of this.labeller.of(c.entry).topics) if ((counts.get(t) ?? 0) >= max) return false;
    return true;
  }
}
