// Never two videos of one creator in a row: walk the ranked list and take the best candidate whose
// creator differs from the last one taken. Returns fewer than n rather than break the rule.
import type { Candidate, FeedQuery, Selector } from '../core/index.js';

export class CreatorSpacingSelector implements Selector {
  readonly name = 'creator_spacing';

  select(_query: FeedQuery, ranked: Candidate[], n: number): Candidate[] {
    const pending = [...ranked];
    const out: Candidate[] = [];
    let lastCreator: string | undefined;
    while (out.length < n && pending.length > 0) {
      const i = pending.findIndex((c) => c.entry.item.creatorId !== lastCreator);
      if (i < 0) break;
      const [next] = pending.splice(i, 1);
      out.push(next!);
      lastCreator = next!.entry.item.creatorId;
    }
    return out;
  }
}
