// Exponentially decayed engagement per item: the state behind trending. Each item keeps its score
// as of its last update; reading it at time t decays it to t, so no timer ever touches the table.
import {
  COUNTER_COLUMNS,
  ZERO_COUNTERS,
  addCounters,
  countersFromRow,
  type CounterRow,
  type ItemCounters,
} from './counters.js';
import type { Db } from './db.js';

/** Lifetime counts per item (see counters.ts). */
export { COUNTER_NAMES, type ItemCounters } from './counters.js';

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

interface StatRow extends CounterRow {
  item_id: string;
  score: number;
  events: number;
  updated_at: number;
}

/**
 * The figures that passes over the whole catalog read (the traffic pools' rebuild) and per-candidate
 * reads on the serving path (trending), by catalog ordinal (`CatalogStore.ordinalOf`): contiguous
 * memory, where looking every id up in a Map of 100,000 costs a cache miss or more each. `length` is
 * one past the highest ordinal with stats; ordinals below it without stats read 0. The arrays are
 * replaced when they grow: read them again after a batch, never keep them.
 */
export interface ItemStatColumns {
  readonly length: number;
  readonly score: Float64Array;
  readonly updatedAt: Float64Array;
  readonly impressions: Float64Array;
  readonly plays: Float64Array;
  readonly completions: Float64Array;
  readonly likes: Float64Array;
  readonly shares: Float64Array;
  readonly watchSum: Float64Array;
}

/** What numbers items for the columns: the catalog. */
export interface OrdinalSource {
  ordinalOf(itemId: string): number;
}

const COLUMN_NAMES = [
  'score',
  'updatedAt',
  'impressions',
  'plays',
  'completions',
  'likes',
  'shares',
  'watchSum',
] as const;

export interface ScoredItem {
  itemId: string;
  score: number;
}

export class ItemStatsStore {
  private readonly stats = new Map<string, ItemStat>();
  private readonly lambda: number;
  /** Catalog ordinals with a positive score, best first (see `ranking`). */
  private ranked: number[] | null = null;
  /** Ordinals whose score changed since the ranking was last brought up to date. */
  private readonly changed = new Set<number>();
  /** The item id of each ordinal with stats. */
  private readonly ids: string[] = [];
  private readonly upsert;
  private cols: { -readonly [K in keyof ItemStatColumns]: ItemStatColumns[K] } = {
    length: 0,
    ...(Object.fromEntries(COLUMN_NAMES.map((n) => [n, new Float64Array(1024)])) as Record<
      (typeof COLUMN_NAMES)[number],
      Float64Array
    >),
  };

  constructor(
    db: Db,
    halfLifeMs: number,
    private readonly ordinals: OrdinalSource,
  ) {
    this.lambda = Math.LN2 / halfLifeMs;
    for (const r of db.prepare<[], StatRow>('SELECT * FROM item_stats').all()) {
      const stat = { score: r.score, events: r.events, updatedAt: r.updated_at, ...countersFromRow(r) };
      this.stats.set(r.item_id, stat);
      this.setColumns(r.item_id, stat);
    }
    this.upsert = db.prepare(
      `INSERT INTO item_stats (item_id, score, events, updated_at, ${COUNTER_COLUMNS})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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

  /** `scoreAt` by catalog ordinal, from the columns. */
  scoreAtOrdinal(ordinal: number, t: number): number {
    const { score, updatedAt, length } = this.cols;
    return ordinal < length ? this.decayed(score[ordinal]!, updatedAt[ordinal]!, t) : 0;
  }

  /** The columns as of the last batch (see ItemStatColumns). */
  columns(): ItemStatColumns {
    return this.cols;
  }

  /** Writes the item's figures into the columns; returns its ordinal. */
  private setColumns(itemId: string, s: ItemStat): number {
    const ordinal = this.ordinals.ordinalOf(itemId);
    this.ids[ordinal] = itemId;
    let cols = this.cols;
    if (ordinal >= cols.score.length) {
      const capacity = Math.max(2 * cols.score.length, ordinal + 1);
      const grown = { ...cols };
      for (const name of COLUMN_NAMES) {
        grown[name] = new Float64Array(capacity);
        grown[name].set(cols[name]);
      }
      this.cols = cols = grown;
    }
    cols.length = Math.max(cols.length, ordinal + 1);
    cols.score[ordinal] = s.score;
    cols.updatedAt[ordinal] = s.updatedAt;
    cols.impressions[ordinal] = s.impressions;
    cols.plays[ordinal] = s.plays;
    cols.completions[ordinal] = s.completions;
    cols.likes[ordinal] = s.likes;
    cols.shares[ordinal] = s.shares;
    cols.watchSum[ordinal] = s.watchSum;
    return ordinal;
  }

  private decay(s: ItemStat, t: number): number {
    return this.decayed(s.score, s.updatedAt, t);
  }

  /** A score as of `updatedAt`, decayed to `t`. */
  private decayed(score: number, updatedAt: number, t: number): number {
    return t <= updatedAt ? score : score * Math.exp(-this.lambda * (t - updatedAt));
  }

  /**
   * Folds a batch of deltas in: writes the new rows through the caller's transaction and returns
   * the function that publishes them to memory once that transaction has committed.
   */
  stage(deltas: EngagementDelta[]): () => void {
    // One copy per item touched, changed in place by each of its deltas: a batch holds thousands.
    const staged = new Map<string, ItemStat>();
    for (const d of deltas) {
      let next = staged.get(d.itemId);
      if (!next) {
        const cur = this.stats.get(d.itemId);
        next = cur ? { ...cur } : { ...ZERO_COUNTERS, score: 0, events: 0, updatedAt: d.ts };
        staged.set(d.itemId, next);
      }
      if (d.ts >= next.updatedAt) {
        next.score = this.decay(next, d.ts) + d.weight;
        next.updatedAt = d.ts;
      } else {
        // A late event: add it as it would have decayed by now.
        next.score += d.weight * Math.exp(-this.lambda * (next.updatedAt - d.ts));
      }
      next.events += 1;
      if (d.counts) addCounters(next, d.counts);
    }
    for (const [itemId, s] of staged)
      this.upsert.run(
        itemId,
        s.score,
        s.events,
        s.updatedAt,
        s.impressions,
        s.plays,
        s.completions,
        s.watchSum,
        s.likes,
        s.shares,
        s.skips,
      );
    return () => {
      for (const [id, s] of staged) {
        this.stats.set(id, s);
        this.changed.add(this.setColumns(id, s));
      }
    };
  }

  /**
   * Catalog ordinals of the items with a positive score, best first. Decay scales every score by the
   * same factor, so the order only changes where scores change: after a batch, the changed items are
   * taken out and merged back in, in O(n), rather than re-sorting everything. By ordinal, so that
   * merge reads the score columns and looks no id up (by id it cost a Map lookup per ranked item
   * after every batch). The list is shared (callers must not change it, and may key caches on its
   * identity); read current scores with `scoreAtOrdinal`.
   */
  ranking(now: number): readonly number[] {
    if (!this.ranked) {
      const all: number[] = [];
      this.ids.forEach((_, ordinal) => all.push(ordinal));
      this.ranked = this.sortByScore(all, now);
      this.changed.clear();
    } else if (this.changed.size > 0) {
      const moved = this.sortByScore([...this.changed], now);
      const kept = this.ranked.filter((o) => !this.changed.has(o));
      const merged: number[] = [];
      let i = 0;
      let j = 0;
      while (i < kept.length || j < moved.length) {
        const takeKept =
          j >= moved.length ||
          (i < kept.length && this.scoreAtOrdinal(kept[i]!, now) >= this.scoreAtOrdinal(moved[j]!, now));
        merged.push(takeKept ? kept[i++]! : moved[j++]!);
      }
      this.ranked = merged;
      this.changed.clear();
    }
    return this.ranked;
  }

  /** Those of `ordinals` with a positive score at `now`, best first. */
  private sortByScore(ordinals: number[], now: number): number[] {
    return ordinals
      .map((ordinal) => ({ ordinal, score: this.scoreAtOrdinal(ordinal, now) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((x) => x.ordinal);
  }

  /** The best `k` items with their scores at `now`. */
  top(k: number, now: number): ScoredItem[] {
    return this.ranking(now)
      .slice(0, k)
      .map((ordinal) => ({ itemId: this.ids[ordinal]!, score: this.scoreAtOrdinal(ordinal, now) }));
  }
}
