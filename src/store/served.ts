// What the feed served each user recently, so a user who asks again before reporting what they
// watched gets new videos. Kept in memory for the serving path and written to SQLite in the
// background (a served list is a log of our own output, not client data: losing the last 100 ms of
// it in a crash only means a video may be served twice).
import { relaxedTransaction, type Db } from './db.js';

/** One served item, with what the pipeline knew when it chose it (the seed of training samples). */
export interface ServedItem {
  itemId: string;
  position: number;
  source: string;
  score: number;
  features: Record<string, number>;
}

interface Served {
  requestId: string;
  userId: string;
  ts: number;
  items: ServedItem[];
}

export class ServedStore {
  private readonly recentByUser = new Map<string, Map<string, number>>();
  private pending: Served[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly flushEveryMs = 100,
    private readonly maxUsers = 100_000,
  ) {
    this.stmts = {
      insert: db.prepare(
        'INSERT INTO served (request_id, user_id, ts, items) VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING',
      ),
      recent: db.prepare<[string, number], { ts: number; items: string }>(
        'SELECT ts, items FROM served WHERE user_id = ? AND ts > ?',
      ),
      prune: db.prepare('DELETE FROM served WHERE ts < ?'),
    };
  }

  record(requestId: string, userId: string, items: ServedItem[], at: number): void {
    const ts = Math.round(at); // the column is INTEGER; a simulated clock may run in fractions
    const recent = this.recentFor(userId, ts);
    for (const { itemId } of items) recent.set(itemId, ts + this.ttlMs);
    this.pending.push({ requestId, userId, ts, items });
    this.timer ??= setTimeout(() => this.flush(), this.flushEveryMs);
  }

  /** Item ids served to the user whose hold has not expired at `now`. */
  recent(userId: string, now: number): Set<string> {
    const out = new Set<string>();
    for (const [id, until] of this.recentFor(userId, now)) if (until > now) out.add(id);
    return out;
  }

  private recentFor(userId: string, now: number): Map<string, number> {
    let map = this.recentByUser.get(userId);
    if (!map) {
      // A user new to memory (or evicted from it): what was flushed, plus what is still pending.
      map = new Map();
      for (const row of this.stmts.recent.all(userId, now - this.ttlMs)) {
        for (const { itemId } of JSON.parse(row.items) as ServedItem[]) map.set(itemId, row.ts + this.ttlMs);
      }
      for (const p of this.pending) {
        if (p.userId === userId) for (const { itemId } of p.items) map.set(itemId, p.ts + this.ttlMs);
      }
      if (this.recentByUser.size >= this.maxUsers) {
        const oldest = this.recentByUser.keys().next().value;
        if (oldest !== undefined) this.recentByUser.delete(oldest);
      }
      this.recentByUser.set(userId, map);
    } else if (map.size > 1000) {
      for (const [id, until] of map) if (until <= now) map.delete(id);
    }
    return map;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    relaxedTransaction(this.db, () => {
      for (const s of batch) this.stmts.insert.run(s.requestId, s.userId, s.ts, JSON.stringify(s.items));
    });
  }

  /** Drops served lists older than `before` (ms). */
  prune(before: number): number {
    return this.stmts.prune.run(before).changes;
  }
}
