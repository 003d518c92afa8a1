// Recall by nearest neighbours in a vector space: the user's vector, made from their recent
// engagements, searched against every item's vector. One mechanism for two spaces: collaborative
// embeddings (a trained model, als-space.ts) and content embeddings (content-space.ts).
import type { Engagement, FeedQuery, SourceSettings, SourcedItem } from '../core/index.js';
import { ConfiguredSource } from './source.js';
import type { CatalogStore } from '../store/index.js';
import type { VectorIndex } from '../vector/index.js';

export interface UserVectorSpace {
  readonly index: VectorIndex;
  /** The item id stored under a vector key. */
  itemId(key: number): string | undefined;
  /** The user's query vector from their engagements, or null when none of them is known here. */
  userVector(recent: readonly Engagement[]): Float32Array | null;
}

export class VectorSource extends ConfiguredSource {
  constructor(
    name: string,
    /** Read at the start of each request, so a space swapped meanwhile never mixes into one response. */
    private readonly space: () => UserVectorSpace | null,
    private readonly catalog: CatalogStore,
    private readonly seeds: number,
    settings: SourceSettings,
  ) {
    super(name, settings);
  }

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const space = this.space();
    const recent = query.profile?.recent;
    if (!space || !recent || recent.length === 0) return [];
    const seeds = recent.slice(-this.seeds);
    const vector = space.userVector(seeds);
    if (!vector) return [];
    const seedIds = new Set(seeds.map((s) => s.itemId));
    const hits = space.index.search(
      vector,
      limit,
      (key) => {
        const id = space.itemId(key);
        return id === undefined || query.exclude.has(id) || seedIds.has(id);
      },
      query.exclude.size + seedIds.size,
    );
    const out: SourcedItem[] = [];
    for (let i = 0; i < hits.keys.length; i++) {
      const entry = this.catalog.get(space.itemId(hits.keys[i]!)!);
      if (entry && entry.item.status === 'active' && entry.createdAtMs <= query.request.now)
        out.push({ entry, score: hits.scores[i]! });
    }
    return out;
  }
}
