// Newest: the latest uploads, so a new video reaches users before it has any engagement.
import type { CandidateSource, FeedQuery, SourcedItem } from '../core/index.js';
import type { CatalogStore } from '../store/index.js';

export class NewestSource implements CandidateSource {
  readonly name = 'newest';

  constructor(
    private readonly catalog: CatalogStore,
    readonly quota: number,
    readonly timeoutMs: number,
  ) {}

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const out: SourcedItem[] = [];
    const now = query.request.now;
    for (const entry of this.catalog.newest()) {
      if (entry.createdAtMs > now) continue; // scheduled for later
      if (query.exclude.has(entry.item.id)) continue;
      out.push({ entry, score: entry.createdAtMs });
      if (out.length >= limit) break;
    }
    return out;
  }
}
