// Side effects of serving: remember what was served, with the features it was served with.
import type { Candidate, FeedQuery, SideEffect } from '../core/index.js';
import type { ServedStore } from '../store/index.js';

export class ServedLogEffect implements SideEffect {
  readonly name = 'served_log';
  constructor(private readonly served: ServedStore) {}
  run(query: FeedQuery, selected: readonly Candidate[]): void {
    const { requestId, userId, now } = query.request;
    const items = selected.map((c, position) => ({
      itemId: c.itemId,
      position,
      source: c.source,
      score: c.score,
      features: c.features,
    }));
    this.served.record(requestId, userId, items, now);
  }
}
