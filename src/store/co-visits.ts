// Session co-visitation: how often two videos are engaged with positively by one user within one
// session, with exponential time decay. Each item keeps its strongest neighbours in memory, all
// decayed to the item's own reference time (decay scales every weight alike, so one time per item
// suffices); SQLite keeps each pair as of its own last update, which stays valid for the same reason.
import type { Db } from './db.js';

export interface CoVisitDelta {
  a: string;
  b: string;
  weight: number;
  ts: number;
}

interface Neighbours {
  /** Time the weights are decayed to. */
  t: number;
  weights: Map<string, number>;
  /** Sum of the weights, kept with them so reading it costs nothing. */
  mass: number;
}

function sum(weights: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const w of weights.values()) total += w;
  return total;
}

export class CoVisitStore {
  private readonly items = new Map<string, Neighbours>();
  private readonly lambda: number;
  private readonly upsert;
  private readonly remove;

  constructor(
    db: Db,
    halfLifeMs: number,
    private readonly maxNeighbours: number,
  ) {
    this.lambda = Math.LN2 / halfLifeMs;
    const rows = db
      .prepare<[], { a: string; b: string; w: number; updated_at: number }>(
        // Newest first, so each item's reference time is its latest update, as it was in memory.
        'SELECT a, b, w, updated_at FROM co_visits ORDER BY a, updated_at DESC',
      )
      .all();
    for (const r of rows) {
      const n = this.neighbours(r.a, r.updated_at);
      n.weights.set(r.b, this.decayTo(r.w, r.updated_at, n.t));
    }
    for (const n of this.items.values()) n.mass = sum(n.weights);
    this.upsert = db.prepare(
      `INSERT INTO co_visits (a, b, w, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (a, b) DO UPDATE SET w = excluded.w, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM co_visits WHERE a = ? AND b = ?');
  }

  private decayTo(w: number, from: number, to: number): number {
    return w * Math.exp(-this.lambda * (to - from));
  }

  private neighbours(a: string, t: number): Neighbours {
    let n = this.items.get(a);
    if (!n) {
      n = { t, weights: new Map(), mass: 0 };
      this.items.set(a, n);
    }
    return n;
  }

  /** Neighbours of `itemId` with weights at its reference time (relative order is what matters). */
  get(itemId: string): ReadonlyMap<string, number> | undefined {
    return this.items.get(itemId)?.weights;
  }

  /** Sum of an item's neighbour weights: its co-visitation popularity, for normalisation. */
  mass(itemId: string): number {
    return this.items.get(itemId)?.mass ?? 0;
  }

  /**
   * Adds deltas through the caller's transaction, working on copies of the touched items so that
   * a failed transaction leaves memory as it was; returns the function that publishes the copies
   * once the transaction has committed. Each touched item is decayed once, to the newest time any
   * delta of the batch gives it, and each touched pair is written once, after pruning.
   */
  stage(deltas: readonly CoVisitDelta[]): () => void {
    const newest = new Map<string, number>();
    for (const d of deltas) newest.set(d.a, Math.max(d.ts, newest.get(d.a) ?? -Infinity));
    const staged = new Map<string, Neighbours>();
    const touched = new Map<string, Set<string>>();
    for (const d of deltas) {
      let n = staged.get(d.a);
      let pairs = touched.get(d.a);
      if (!n || !pairs) {
        n = this.copyAt(d.a, newest.get(d.a)!);
        staged.set(d.a, n);
        pairs = new Set();
        touched.set(d.a, pairs);
      }
      n.weights.set(d.b, (n.weights.get(d.b) ?? 0) + this.decayTo(d.weight, d.ts, n.t));
      pairs.add(d.b);
    }
    for (const [a, n] of staged) {
      this.prune(a, n);
      n.mass = sum(n.weights);
      for (const b of touched.get(a)!) {
        const w = n.weights.get(b);
        if (w !== undefined) this.upsert.run(a, b, w, n.t);
      }
    }
    return () => {
      for (const [a, n] of staged) this.items.set(a, n);
    };
  }

  /** A copy of the item's neighbours decayed to `t` if that is later than their own time. */
  private copyAt(a: string, t: number): Neighbours {
    const cur = this.items.get(a);
    if (!cur) return { t, weights: new Map(), mass: 0 };
    if (t <= cur.t) return { t: cur.t, weights: new Map(cur.weights), mass: 0 };
    const f = Math.exp(-this.lambda * (t - cur.t));
    const weights = new Map<string, number>();
    for (const [b, w] of cur.weights) weights.set(b, w * f);
    return { t, weights, mass: 0 };
  }

  /** Keeps the strongest neighbours once an item has half as many again as it may keep. */
  private prune(a: string, n: Neighbours): void {
    if (n.weights.size <= this.maxNeighbours * 1.5) return;
    const sorted = [...n.weights].sort((x, y) => y[1] - x[1]);
    for (const [b] of sorted.slice(this.maxNeighbours)) {
      n.weights.delete(b);
      this.remove.run(a, b); // a no-op for a pair first written in this batch
    }
  }

  get size(): number {
    return this.items.size;
  }
}
