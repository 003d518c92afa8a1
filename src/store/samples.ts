// Labelled training samples, written by the sample joiner: what the feed served (with the features
// it served it with) and what the user did with it. The table is read like a topic: each sample's
// offset (its rowid, never reused) grows with every write, so a reader keeps the last offset it saw.
import type { Db } from './db.js';

/** One served item joined with the engagements that followed it. */
export interface Sample {
  /** Position in the sample table: increasing in the order samples were written, never reused (may skip). */
  offset: number;
  requestId: string;
  userId: string;
  itemId: string;
  /** When the feed served the item (ms). */
  servedAt: number;
  /** When the joiner closed the sample (log time, ms). */
  closedAt: number;
  /** Position in the served list, 0 first. */
  position: number;
  /** The candidate source that named the item. */
  source: string;
  /** The score the feed ranked it by. */
  score: number;
  /** The features the feed served the item with. */
  features: Record<string, number>;
  /** The largest watch ratio of the view (loops included, capped at 3). */
  watchRatio: number;
  finished: boolean;
  liked: boolean;
  shared: boolean;
  followed: boolean;
  quickSkip: boolean;
}

/** A sample before it is written (the store assigns the offset). */
export type NewSample = Omit<Sample, 'offset'>;

interface SampleRow {
  offset: number;
  request_id: string;
  user_id: string;
  item_id: string;
  served_at: number;
  closed_at: number;
  position: number;
  source: string;
  score: number;
  features: string;
  watch_ratio: number;
  finished: number;
  liked: number;
  shared: number;
  followed: number;
  quick_skip: number;
}

function fromRow(r: SampleRow): Sample {
  return {
    offset: r.offset,
    requestId: r.request_id,
    userId: r.user_id,
    itemId: r.item_id,
    servedAt: r.served_at,
    closedAt: r.closed_at,
    position: r.position,
    source: r.source,
    score: r.score,
    features: JSON.parse(r.features) as Record<string, number>,
    watchRatio: r.watch_ratio,
    finished: r.finished === 1,
    liked: r.liked === 1,
    shared: r.shared === 1,
    followed: r.followed === 1,
    quickSkip: r.quick_skip === 1,
  };
}

export class SampleStore {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO samples (request_id, user_id, item_id, served_at, closed_at, position, source, score,
           features, watch_ratio, finished, liked, shared, followed, quick_skip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id, item_id) DO NOTHING`,
      ),
      read: db.prepare<[number, number], SampleRow>(
        'SELECT * FROM samples WHERE "offset" > ? ORDER BY "offset" LIMIT ?',
      ),
      ofRequest: db.prepare<[string], SampleRow>(
        'SELECT * FROM samples WHERE request_id = ? ORDER BY position',
      ),
      has: db.prepare<[string, string], { one: number }>(
        'SELECT 1 AS one FROM samples WHERE request_id = ? AND item_id = ?',
      ),
      last: db.prepare<[], { last: number | null }>('SELECT MAX("offset") AS last FROM samples'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM samples'),
    };
  }

  /**
   * Writes a sample through the caller's transaction; returns false if one for the same request and
   * item was already written (a replay), which is left as it was.
   */
  write(s: NewSample): boolean {
    const b = (v: boolean) => (v ? 1 : 0);
    const { changes } = this.stmts.insert.run(
      s.requestId,
      s.userId,
      s.itemId,
      Math.round(s.servedAt),
      Math.round(s.closedAt),
      s.position,
      s.source,
      s.score,
      JSON.stringify(s.features),
      s.watchRatio,
      b(s.finished),
      b(s.liked),
      b(s.shared),
      b(s.followed),
      b(s.quickSkip),
    );
    return changes > 0;
  }

  /** Samples with offset > `after`, oldest first, at most `limit`. */
  read(after: number, limit: number): Sample[] {
    return this.stmts.read.all(after, limit).map(fromRow);
  }

  /** The samples written for one feed request, in served order. */
  ofRequest(requestId: string): Sample[] {
    return this.stmts.ofRequest.all(requestId).map(fromRow);
  }

  /** Whether the sample of this request and item has been written. */
  has(requestId: string, itemId: string): boolean {
    return this.stmts.has.get(requestId, itemId) !== undefined;
  }

  /** The offset of the newest sample (0 when there is none). */
  lastOffset(): number {
    return this.stmts.last.get()?.last ?? 0;
  }

  count(): number {
    return this.stmts.count.get()?.n ?? 0;
  }
}
