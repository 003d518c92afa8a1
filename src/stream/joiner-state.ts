// The sample joiner's state in SQLite, written through the runner's transaction so a crash loses
// nothing: the samples still open (joiner_pending), its counters (joiner_counters), and the served
// lists it reads the served features from (written by the feed server, possibly a moment late).
import type { Db, ServedItem } from '../store/index.js';

export const JOINER_COUNTERS = ['opened', 'closed', 'late', 'unjoined', 'unserved', 'evicted'] as const;
/**
 * opened: samples opened; closed: samples written; late: events for a sample already closed or
 * past its window; unjoined: item events with no request id and no open sample of the item;
 * unserved: samples dropped because their served row never appeared; evicted: samples closed
 * early by the pending cap (also counted as closed or unserved).
 */
export type JoinerCounter = (typeof JOINER_COUNTERS)[number];
export type JoinerCounters = Record<JoinerCounter, number>;

/** What the feed served for the sample's item, from the served row. */
export interface ServedFacts extends ServedItem {
  /** When it was served (ms). */
  ts: number;
}

/** The labels gathered so far. */
export interface Labels {
  watchRatio: number;
  finished: boolean;
  /** Likes minus unlikes. */
  likes: number;
  shared: boolean;
  followed: boolean;
  quickSkip: boolean;
}

/** One served item waiting for the engagements that follow it. */
export interface PendingSample {
  requestId: string;
  itemId: string;
  userId: string;
  partition: number;
  /** Event time of the first event (ms): the window is measured from it. */
  openedTs: number;
  /** Log time (received_at) of the first event (ms). */
  openedAt: number;
  /** Event time after which the user's events no longer count: the window, or the view's end. */
  dueTs: number;
  /** Log time after which the sample is closed: by a later record of its partition, or the clock. */
  closeAt: number;
  /** The item's creator, for follows that name only the creator. */
  creatorId: string | null;
  served: ServedFacts | null;
  labels: Labels;
}

export class JoinerState {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM joiner_pending WHERE request_id = ? AND item_id = ?',
      ),
      latestFor: db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM joiner_pending WHERE user_id = ? AND item_id = ? ORDER BY opened_at DESC LIMIT 1',
      ),
      ofUser: db.prepare<[string], { doc: string }>('SELECT doc FROM joiner_pending WHERE user_id = ?'),
      due: db.prepare<[number, number], { doc: string }>(
        'SELECT doc FROM joiner_pending WHERE partition = ? AND close_at < ? ORDER BY close_at',
      ),
      oldest: db.prepare<[], { doc: string }>('SELECT doc FROM joiner_pending ORDER BY opened_at LIMIT 1'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM joiner_pending'),
      partitions: db.prepare<[], { partition: number }>('SELECT DISTINCT partition FROM joiner_pending'),
      save: db.prepare(
        `INSERT INTO joiner_pending (request_id, item_id, user_id, partition, opened_at, close_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id, item_id) DO UPDATE SET close_at = excluded.close_at, doc = excluded.doc`,
      ),
      remove: db.prepare('DELETE FROM joiner_pending WHERE request_id = ? AND item_id = ?'),
      served: db.prepare<[string], { user_id: string; ts: number; items: string }>(
        'SELECT user_id, ts, items FROM served WHERE request_id = ?',
      ),
      addCounter: db.prepare(
        `INSERT INTO joiner_counters (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`,
      ),
      counters: db.prepare<[], { name: string; value: number }>('SELECT name, value FROM joiner_counters'),
    };
  }

  get(requestId: string, itemId: string): PendingSample | undefined {
    return parse(this.stmts.get.get(requestId, itemId));
  }

  /** The user's most recently opened sample of the item. */
  latestFor(userId: string, itemId: string): PendingSample | undefined {
    return parse(this.stmts.latestFor.get(userId, itemId));
  }

  ofUser(userId: string): PendingSample[] {
    return this.stmts.ofUser.all(userId).map((r) => JSON.parse(r.doc) as PendingSample);
  }

  /** The partition's samples whose close_at is before `before`, soonest first. */
  due(partition: number, before: number): PendingSample[] {
    return this.stmts.due.all(partition, before).map((r) => JSON.parse(r.doc) as PendingSample);
  }

  oldest(): PendingSample | undefined {
    return parse(this.stmts.oldest.get());
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }

  /** Partitions that have an open sample. */
  partitions(): number[] {
    return this.stmts.partitions.all().map((r) => r.partition);
  }

  save(p: PendingSample): void {
    this.stmts.save.run(
      p.requestId,
      p.itemId,
      p.userId,
      p.partition,
      p.openedAt,
      p.closeAt,
      JSON.stringify(p),
    );
  }

  remove(p: PendingSample): void {
    this.stmts.remove.run(p.requestId, p.itemId);
  }

  /** What the request served for the item, if its served row is in the table and is the user's. */
  served(requestId: string, itemId: string, userId: string): ServedFacts | null {
    const row = this.stmts.served.get(requestId);
    if (!row || row.user_id !== userId) return null;
    const item = (JSON.parse(row.items) as ServedItem[]).find((i) => i.itemId === itemId);
    return item ? { ...item, ts: row.ts } : null;
  }

  addCounters(delta: Partial<JoinerCounters>): void {
    for (const [name, value] of Object.entries(delta)) if (value) this.stmts.addCounter.run(name, value);
  }

  counters(): JoinerCounters {
    const out = Object.fromEntries(JOINER_COUNTERS.map((n) => [n, 0])) as JoinerCounters;
    for (const { name, value } of this.stmts.counters.all())
      if ((JOINER_COUNTERS as readonly string[]).includes(name)) out[name as JoinerCounter] = value;
    return out;
  }
}

function parse(row: { doc: string } | undefined): PendingSample | undefined {
  return row ? (JSON.parse(row.doc) as PendingSample) : undefined;
}
