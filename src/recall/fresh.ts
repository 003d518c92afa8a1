// Fresh-video exploration: recent uploads that have had few impressions, so every new video meets
// its first viewers within minutes. Each user gets a different draw, favouring the least shown, so
// exposure spreads across the pool instead of piling onto its first few entries.
import type { CatalogItem, FeedQuery, SourcedItem, SourceSettings } from '../core/index.js';
import { ConfiguredSource } from './source.js';
import { TopK, hashString } from '../core/index.js';
import type { CatalogStore, ItemStatsStore } from '../store/index.js';

interface FreshEntry {
  entry: CatalogItem;
  hash: number;
  /** Share of its exploration budget left: 1 - impressions / maxImpressions. */
  budget: number;
}

/** The pool holds at most this many of the least-shown fresh videos; draws are made among them. */
const POOL_MAX = 1000;
/** Impression counts move the pool slowly; a rebuild costs milliseconds at 10,000 videos. */
const POOL_REFRESH_MS = 5000;

export interface FreshOptions {
  windowMs: number;
  maxImpressions: number;
}

export class FreshSource extends ConfiguredSource {
  private pool: FreshEntry[] = [];
  private poolFor: readonly CatalogItem[] | null = null;
  private poolAt = -Infinity;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly stats: ItemStatsStore,
    private readonly options: FreshOptions,
    settings: SourceSettings,
  ) {
    super('fresh', settings);
  }

  /**
   * Uploads inside the window with budget left, least shown first; rebuilt when the catalog
   * changes or five seconds have passed, so a request only draws.
   */
  private candidates(now: number): FreshEntry[] {
    const newest = this.catalog.newest();
    if (newest !== this.poolFor || now - this.poolAt > POOL_REFRESH_MS) {
      const max = this.options.maxImpressions;
      const pool: FreshEntry[] = [];
      const counted = this.stats.columns();
      for (const entry of newest) {
        if (entry.createdAtMs > now) continue; // scheduled for later
        if (now - entry.createdAtMs > this.options.windowMs) break; // newest first: the rest are older
        const impressions = entry.ordinal < counted.length ? counted.impressions[entry.ordinal]! : 0;
        if (impressions < max)
          pool.push({ entry, hash: hashString(entry.item.id), budget: 1 - impressions / max });
      }
      pool.sort((a, b) => b.budget - a.budget);
      pool.length = Math.min(pool.length, POOL_MAX);
      this.pool = pool;
      this.poolFor = newest;
      this.poolAt = now;
    }
    return this.pool;
  }

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const pool = this.candidates(query.request.now);
    const userHash = hashString(query.request.userId);
    const top = new TopK(Math.min(limit, pool.length));
    for (let i = 0; i < pool.length; i++) {
      const { entry, hash, budget } = pool[i]!;
      // The pool is by budget, descending, and every score is below its budget: once the kept
      // ones all beat this budget, nothing further can enter (the answer is that of a full scan).
      if (budget <= top.worst) break;
      // A per-user draw in [0.5, 1), scaled by how much of its exploration budget the video has left.
      const score = budget * (0.5 + (Math.imul(hash ^ userHash, 0x9e3779b1) >>> 0) / 2 ** 33);
      if (top.admits(score, i) && !query.exclude.has(entry.item.id)) top.push(score, i);
    }
    const { keys, scores } = top.sorted();
    return Array.from(keys, (i, rank) => ({ entry: pool[i]!.entry, score: scores[rank]! }));
  }
}
