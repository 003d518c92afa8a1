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
  private topCache: { at: number; list: ScoredItem[] } | null = null;
  private readonly upsert;

  constructor(
    db: Db,
    halfLifeMs: number,
    /** How long a computed ranking is reused; trending need not be fresher than this. */
    private readonly topTtlMs = 1000,
  ) {
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
      if (staged.size > 0) this.topCache = null;
    };
  }

  /** Items by decayed score at `now`, best first, positive scores only. */
  top(k: number, now: number): ScoredItem[] {
    if (!this.topCache || now - this.topCache.at > this.topTtlMs || now < this.topCache.at) {
      const list: ScoredItem[] = [];
      for (const [itemId, s] of this.stats) {
        const score = this.decay(s, now);
        if (score > 0) list.push({ itemId, score });
      }
      list.sort((a, b) => b.score - a.score);
      this.topCache = { at: now, list };
    }
    return this.topCache.list.slice(0, k);
  }
}
