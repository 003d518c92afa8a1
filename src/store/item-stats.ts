// Exponentially decayed engagement per item: the state behind trending. Each item keeps its score
// as of its last update; reading it at time t decays it to t, so no timer ever touches the table.
import type { Db } from './db.js';

export interface ItemStat {
  score: number;
  events: number;
  updatedAt: number;
}

export interface EngagementDelta {
  itemId: string;
  weight: number;
  ts: number;
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
    const rows = db
      .prepare<[], { item_id: string; score: number; events: number; updated_at: number }>(
        'SELECT item_id, score, events, updated_at FROM item_stats',
      )
      .all();
    for (const r of rows)
      this.stats.set(r.item_id, { score: r.score, events: r.events, updatedAt: r.updated_at });
    this.upsert = db.prepare(
      `INSERT INTO item_stats (item_id, score, events, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET score = excluded.score, events = excluded.events,
         updated_at = excluded.updated_at`,
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
        this.stats.get(d.itemId) ?? { score: 0, events: 0, updatedAt: d.ts };
      const next: ItemStat =
        d.ts >= cur.updatedAt
          ? { score: this.decay(cur, d.ts) + d.weight, events: cur.events + 1, updatedAt: d.ts }
          : {
              // A late event: add it as it would have decayed by now.
              score: cur.score + d.weight * Math.exp(-this.lambda * (cur.updatedAt - d.ts)),
              events: cur.events + 1,
              updatedAt: cur.updatedAt,
            };
      staged.set(d.itemId, next);
    }
    for (const [id, s] of staged) this.upsert.run(id, s.score, s.events, s.updatedAt);
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
