// Filters: the last word on what may be served, whatever a source let through.
import type { Candidate, FeedQuery, Filter } from '../core/index.js';

export class ExcludedFilter implements Filter {
  readonly name = 'excluded';
  filter(query: FeedQuery, candidates: Candidate[]): Candidate[] {
    return candidates.filter((c) => !query.exclude.has(c.itemId));
  }
}

export class ActiveItemFilter implements Filter {
  readonly name = 'active';
  filter(query: FeedQuery, candidates: Candidate[]): Candidate[] {
    return candidates.filter(
      (c) => c.entry.item.status === 'active' && c.entry.createdAtMs <= query.request.now,
    );
  }
}
