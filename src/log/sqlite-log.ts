// The embedded event log on the `events` table of the store's database.
import type { Event } from '../core/index.js';
import type { Db } from '../store/index.js';
import type { AppendResult, EventLog, LogRecord } from './types.js';

export class SqliteEventLog implements EventLog {
  private readonly listeners = new Set<() => void>();
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(
        // ON CONFLICT (id), not OR IGNORE: only a repeated id is skipped; any other broken row must fail.
        `INSERT INTO events (id, type, user_id, item_id, ts, received_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      read: db.prepare<[number, number], { offset: number; received_at: number; doc: string }>(
        'SELECT "offset", received_at, doc FROM events WHERE "offset" > ? ORDER BY "offset" LIMIT ?',
      ),
      last: db.prepare<[], { o: number }>('SELECT COALESCE(MAX("offset"), 0) AS o FROM events'),
      committed: db.prepare<[string], { committed_offset: number }>(
        'SELECT committed_offset FROM consumer_offsets WHERE group_id = ?',
      ),
      commit: db.prepare(
        `INSERT INTO consumer_offsets (group_id, committed_offset, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (group_id) DO UPDATE SET committed_offset = excluded.committed_offset, updated_at = excluded.updated_at`,
      ),
      groups: db.prepare<[], { group_id: string; committed_offset: number }>(
        'SELECT group_id, committed_offset FROM consumer_offsets ORDER BY group_id',
      ),
    };
  }

  append(events: readonly Event[], receivedAt: number): AppendResult {
    const offsets: (number | null)[] = [];
    let accepted = 0;
    // Nested inside a caller's transaction this becomes a savepoint, so it stays all-or-nothing.
    this.db.transaction(() => {
      for (const e of events) {
        const info = this.stmts.insert.run(
          e.id,
          e.type,
          e.userId,
          e.itemId ?? null,
          Date.parse(e.timestamp),
          receivedAt,
          JSON.stringify(e),
        );
        if (info.changes > 0) {
          accepted += 1;
          offsets.push(Number(info.lastInsertRowid));
        } else {
          offsets.push(null);
        }
      }
    })();
    if (accepted > 0) for (const l of this.listeners) l();
    return { accepted, duplicates: events.length - accepted, offsets };
  }

  read(after: number, limit: number): LogRecord[] {
    return this.stmts.read.all(after, limit).map((r) => ({
      offset: r.offset,
      receivedAt: r.received_at,
      event: JSON.parse(r.doc) as Event,
    }));
  }

  lastOffset(): number {
    return this.stmts.last.get()!.o;
  }

  committed(group: string): number {
    return this.stmts.committed.get(group)?.committed_offset ?? 0;
  }

  commit(group: string, offset: number): void {
    this.stmts.commit.run(group, offset, Date.now());
  }

  groups(): { group: string; offset: number }[] {
    return this.stmts.groups.all().map((r) => ({ group: r.group_id, offset: r.committed_offset }));
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
