// Exponentially decayed engagement per item: the state behind trending. Each item keeps its score
// as of its last update; reading it at time t decays it to t, so no timer ever touches the table.
import type { Db } from './db.js';

/** Lifetime counts per item: what the quality and fresh pools judge a video by. */
export interface ItemCounters {
  impressions: number;
  /** Watches and skips: every time the video started playing. */
  plays: number;
  /** Plays watched to the end. */
  completions: number;
  /** Sum of watch ratios over plays, each capped at 1. */
  watchSum: number;
  likes: number;
  shares: number;
  /** Quick skips. */
  skips: number;
}

export const COUNTER_NAMES = [
  'impressions',
  'plays',
  'completions',
  'watchSum',
  'likes',
  'shares',
  'skips',
] as const satisfies readonly (keyof ItemCounters)[];

/**
 * A Bayesian-smoothed rate: `sum` successes over `n` trials, pulled towards `prior` as if it had
 * been seen over `priorWeight` more trials; the prior itself when there is nothing at all. So ten
 * plays all finished do not beat ten thousand mostly finished. Every quality figure uses it.
 */
export function smoothedRate(sum: number, n: number, prior: number, priorWeight: number): number {
  return priorWeight + n > 0 ? (sum + priorWeight * prior) / (n + priorWeight) : prior;
}

export interface ItemStat extends ItemCounters {
  score: number;
  events: number;
  updatedAt: number;
}

export interface EngagementDelta {
  itemId: string;
  /** Added to the decayed score (may be 0: an impression only counts). */
  weight: number;
  ts: number;
  counts?: Partial<ItemCounters>;
}

const ZERO_COUNTERS: ItemCounters = {
  impressions: 0,
  plays: 0,
  completions: 0,
  watchSum: 0,
  likes: 0,
  shares: 0,
  skips: 0,
};

interface StatRow {
  item_id: string;
  score: number;
  events: number;
  updated_at: number;
  impressions: number;
  plays: number;
  completions: number;
  watch_sum: number;
  likes: number;
  shares: number;
  skips: number;
}

export interface ScoredItem {
  itemId: string;
  score: number;
}

export class ItemStatsStore {
  private readonly stats = new Map<string, ItemStat>();
  private readonly lambda: number;
  private ranked: string[] | null = null;
  /** Items whose score changed since the ranking was last brought up to date. */
  private readonly changed = new Set<string>();
  private readonly upsert;

  constructor(db: Db, halfLifeMs: number) {
    this.lambda = Math.LN2 / halfLifeMs;
    for (const r of db.prepare<[], StatRow>('SELECT * FROM item_stats').all()) {
      this.stats.set(r.item_id, {
        score: r.score,
        events: r.events,
        updatedAt: r.updated_at,
        impressions: r.impressions,
        plays: r.plays,
        completions: r.completions,
        watchSum: r.watch_sum,
        likes: r.likes,
        shares: r.shares,
        skips: r.skips,
      });
    }
    this.upsert = db.prepare(
      `INSERT INTO item_stats (item_id, score, events, updated_at, impressions, plays, completions,
         watch_sum, likes, shares, skips)
       VALUES (@itemId, @score, @events, @updatedAt, @impressions, @plays, @completions, @watchSum,
         @likes, @shares, @skips)
       ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, events = excluded.events,
         updated_at = excluded.updated_at, impressions = excluded.impressions, plays = excluded.plays,
         completions = excluded.completions, watch_sum = excluded.watch_sum, likes = excluded.likes,
         shares = excluded.shares, skips = excluded.skips`,
    );
  }

  get(itemId: string): ItemStat | undefined {
    return this.stats.get(itemId);
  }

  /** The item's score decayed to time `t`. */
  scoreAt(itemId: string, t: number): number {
    const s = this.stats.get(itemId);
    return s ? this.decay(s, t) : 0;
  }

  private decay(s: ItemStat, t: number): number {
    return t <= s.updatedAt ? s.score : s.score * Math.exp(-this.lambda * (t - s.updatedAt));
  }

  /**
   * Folds a batch of deltas in: writes the new rows through the caller's transaction and returns
   * the function that publishes them to memory once that transaction has committed.
   */
  stage(deltas: EngagementDelta[]): () => void {
    const staged = new Map<string, ItemStat>();
    for (const d of deltas) {
      const cur = staged.get(d.itemId) ??
        this.stats.get(d.itemId) ?? { ...ZERO_COUNTERS, score: 0, events: 0, updatedAt: d.ts };
      const next: ItemStat =
        d.ts >= cur.updatedAt
          ? { ...cur, score: this.decay(cur, d.ts) + d.weight, events: cur.events + 1, updatedAt: d.ts }
          : {
              // A late event: add it as it would have decayed by now.
              ...cur,
              score: cur.score + d.weight * Math.exp(-this.lambda * (cur.updatedAt - d.ts)),
              events: cur.events + 1,
            };
      if (d.counts) for (const name of COUNTER_NAMES) next[name] += d.counts[name] ?? 0;
      staged.set(d.itemId, next);
    }
    for (const [itemId, s] of staged) this.upsert.run({ itemId, ...s });
    return () => {
      for (const [id, s] of staged) this.stats.set(id, s);
      for (const id of staged.keys()) this.changed.add(id);
    };
  }

  /**
   * Item ids with a positive score, best first. Decay scales every score by the same factor, so the
   * order only changes where scores change: after a batch, the changed items are taken out and
   * merged back in, in O(n), rather than re-sorting everything. The list is shared (callers must not
   * change it, and may key caches on its identity); read current scores with `scoreAt`.
   */
  ranking(now: number): readonly string[] {
    if (!this.ranked) {
      this.ranked = this.sortByScore([...this.stats.keys()], now);
      this.changed.clear();
    } else if (this.changed.size > 0) {
      const moved = this.sortByScore([...this.changed], now);
      const kept = this.ranked.filter((id) => !this.changed.has(id));
      const merged: string[] = [];
      let i = 0;
      let j = 0;
      while (i < kept.length || j < moved.length) {
        const takeKept =
          j >= moved.length ||
          (i < kept.length && this.scoreAt(kept[i]!, now) >= this.scoreAt(moved[j]!, now));
        merged.push(takeKept ? kept[i++]! : moved[j++]!);
      }
      this.ranked = merged;
      this.changed.clear();
    }
    return this.ranked;
  }

  /** Those of `ids` with a positive score at `now`, best first. */
  private sortByScore(ids: string[], now: number): string[] {
    return ids
      .map((itemId) => ({ itemId, score: this.scoreAt(itemId, now) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((x) => x.itemId);
  }

  /** The best `k` items with their scores at `now`. */
  top(k: number, now: number): ScoredItem[] {
    return this.ranking(now)
      .slice(0, k)
      .map((itemId) => ({ itemId, score: this.scoreAt(itemId, now) }));
  }
}
