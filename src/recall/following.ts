// Followed creators' new videos, newest first.
import type { FeedQuery, SourcedItem, SourceSettings } from '../core/index.js';
import { ConfiguredSource } from './source.js';
import type { CatalogStore } from '../store/index.js';

/** Most recent follows looked at; a user following thousands gets their latest interests. */
const MAX_CREATORS = 200;

export class FollowingSource extends ConfiguredSource {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly windowMs: number,
    settings: SourceSettings,
  ) {
    super('following', settings);
  }

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const follows = query.profile?.follows ?? [];
    const now = query.request.now;
    const out: SourcedItem[] = [];
    for (const creatorId of follows.slice(-MAX_CREATORS)) {
      for (const entry of this.catalog.byCreator(creatorId)) {
        if (now - entry.createdAtMs > this.windowMs) break; // newest first
        if (entry.createdAtMs > now || query.exclude.has(entry.item.id)) continue;
        out.push({ entry, score: entry.createdAtMs });
      }
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
