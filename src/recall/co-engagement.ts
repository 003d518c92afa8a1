// Item-to-item co-engagement: videos co-visited (same user, same session, both engaged with
// positively) with the user's latest positive engagements. Recent seeds weigh more; a neighbour's
// weight is divided by a power of its own co-visitation mass, so the feed is not just the
// neighbours everyone shares.
import { TopK, type FeedQuery, type SourcedItem, type SourceSettings } from '../core/index.js';
import { ConfiguredSource } from './source.js';
import type { CatalogStore, CoVisitStore } from '../store/index.js';

export interface CoEngagementOptions {
  seeds: number;
  popularityExponent: number;
}

/** Each older seed counts this much less than the one after it. */
const SEED_DECAY = 0.85;

export class CoEngagementSource extends ConfiguredSource {
  constructor(
    private readonly coVisits: CoVisitStore,
    private readonly catalog: CatalogStore,
    private readonly options: CoEngagementOptions,
    settings: SourceSettings,
  ) {
    super('coEngagement', settings);
  }

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const recent = query.profile?.recent ?? [];
    const seeds = recent.slice(-this.options.seeds);
    const scores = new Map<string, number>();
    const seedIds = new Set(seeds.map((s) => s.itemId));
    for (let i = seeds.length - 1, decay = 1; i >= 0; i--, decay *= SEED_DECAY) {
      const seed = seeds[i]!;
      const neighbours = this.coVisits.get(seed.itemId);
      if (!neighbours) continue;
      // Normalise within the seed, so one busy seed does not drown the others.
      const seedWeight = (decay * Math.max(seed.weight, 0.1)) / this.coVisits.mass(seed.itemId);
      for (const [itemId, w] of neighbours) {
        if (seedIds.has(itemId) || query.exclude.has(itemId)) continue;
        scores.set(itemId, (scores.get(itemId) ?? 0) + seedWeight * w);
      }
    }
    const beta = this.options.popularityExponent;
    const ids = [...scores.keys()];
    const top = new TopK(Math.min(limit, ids.length));
    ids.forEach((itemId, i) => {
      const mass = beta === 0 ? 1 : Math.pow(Math.max(this.coVisits.mass(itemId), 1e-9), beta);
      top.push(scores.get(itemId)! / mass, i);
    });
    const best = top.sorted();
    const out: SourcedItem[] = [];
    best.keys.forEach((i, rank) => {
      const entry = this.catalog.get(ids[i]!);
      if (entry && entry.item.status === 'active') out.push({ entry, score: best.scores[rank]! });
    });
    return out;
  }
}
