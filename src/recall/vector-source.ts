// Recall by nearest neighbours in a vector space: the user's vector, made from their recent
// engagements, searched against every item's vector. One mechanism for two spaces: collaborative
// embeddings (a trained model, als-space.ts) and content embeddings (content-space.ts).
import type { Engagement, FeedQuery, SourceSettings, SourcedItem } from '../core/index.js';
import { ConfiguredSource } from './source.js';
import type { CatalogStore } from '../store/index.js';
import type { ServingIndex, VectorHits } from '../vector/index.js';

export interface UserVectorSpace {
  readonly index: ServingIndex;
  /** The item id stored under a vector key. */
  itemId(key: number): string | undefined;
  /** The vector key of an item, if the space has it. */
  keyOf(itemId: string): number | undefined;
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

  /** Per space, each vector key's catalog ordinal, once looked up (sparse, by key). */
  private readonly ordinals = new WeakMap<UserVectorSpace, number[]>();

  /** The search runs on the index's worker thread when it has one: start it before the others. */
  readonly offThread = true;

  fetch(query: FeedQuery, limit: number): SourcedItem[] | Promise<SourcedItem[]> {
    const space = this.space();
    const recent = query.profile?.recent;
    if (!space || !recent || recent.length === 0) return [];
    const seeds = recent.slice(-this.seeds);
    const vector = space.userVector(seeds);
    if (!vector) return [];
    const excluded: number[] = [];
    const leaveOut = (id: string) => {
      const key = space.keyOf(id);
      if (key !== undefined) excluded.push(key);
    };
    query.exclude.forEach(leaveOut);
    for (const s of seeds) if (!query.exclude.has(s.itemId)) leaveOut(s.itemId);
    const hits = space.index.search(vector, limit, Int32Array.from(excluded));
    // An exact index answers at once (and offline evaluation relies on that); HNSW from its thread.
    return hits instanceof Promise
      ? hits.then((h) => this.activeItems(space, h, query.request.now))
      : this.activeItems(space, hits, query.request.now);
  }

  private activeItems(space: UserVectorSpace, hits: VectorHits, now: number): SourcedItem[] {
    let ordinals = this.ordinals.get(space);
    if (!ordinals) this.ordinals.set(space, (ordinals = []));
    const out: SourcedItem[] = [];
    for (let i = 0; i < hits.keys.length; i++) {
      const key = hits.keys[i]!;
      // A key's catalog ordinal never changes, so it is looked up by id once; the entry, which
      // changes with the item, is read by ordinal each time.
      const ordinal = ordinals[key];
      let entry = ordinal === undefined ? undefined : this.catalog.at(ordinal);
      if (ordinal === undefined) {
        entry = this.catalog.get(space.itemId(key)!);
        if (entry) ordinals[key] = entry.ordinal;
      }
      if (entry && entry.item.status === 'active' && entry.createdAtMs <= now)
        out.push({ entry, score: hits.scores[i]! });
    }
    return out;
  }
}
