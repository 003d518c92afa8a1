// The embedded event log on the `events` table of the store's database. A record's rowid is
// partition * 2^40 + offset, so each partition is one contiguous rowid range: reads, end offsets
// and retention are range scans on the primary key, and partitioning adds no index to appends.
// Offsets are assigned inside the append's write transaction from the partition's largest rowid, so
// any number of processes may append to the same file.
import { partitionOf, type Event } from '../core/index.js';
import type { Db } from '../store/index.js';
import type { AppendResult, CommittedOffset, EventLog, LogPosition, LogRecord } from './types.js';

/** Offsets per partition: 2^40, so 8,192 partitions still fit in a safe integer. */
const SPAN = 2 ** 40;

interface Range {
  lo: number;
  hi: number;
}

export class SqliteEventLog implements EventLog {
  readonly partitions: number;
  private readonly listeners = new Set<() => void>();
  private readonly stmts;

  constructor(private readonly db: Db) {
    const meta = db
      .prepare<[], { value: number }>(`SELECT value FROM log_meta WHERE key = 'partitions'`)
      .get();
    if (!meta) throw new Error('the event log has no partition count (log_meta); was the database migrated?');
    this.partitions = meta.value;
    this.stmts = {
      insert: db.prepare(
        // ON CONFLICT (id), not OR IGNORE: only a repeated id is skipped; any other broken row must fail.
        `INSERT INTO events ("offset", id, type, user_id, item_id, ts, received_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      // Raw rows (arrays, not objects with named keys): the read is on every processor's path.
      read: db
        .prepare<[number, number, number], [number, number, number, string]>(
          'SELECT "offset", received_at, ts, doc FROM events WHERE "offset" > ? AND "offset" < ? ORDER BY "offset" LIMIT ?',
        )
        .raw(true),
      max: db.prepare<[number, number], { o: number | null }>(
        'SELECT MAX("offset") AS o FROM events WHERE "offset" >= ? AND "offset" < ?',
      ),
      min: db.prepare<[number, number], { o: number | null }>(
        'SELECT MIN("offset") AS o FROM events WHERE "offset" >= ? AND "offset" < ?',
      ),
      committed: db.prepare<[string, number], { committed_offset: number }>(
        'SELECT committed_offset FROM consumer_offsets WHERE group_id = ? AND partition = ?',
      ),
      commit: db.prepare(
        `INSERT INTO consumer_offsets (group_id, partition, committed_offset, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, partition) DO UPDATE SET committed_offset = excluded.committed_offset,
           updated_at = excluded.updated_at`,
      ),
      groups: db.prepare<[], { group_id: string; partition: number; committed_offset: number }>(
        'SELECT group_id, partition, committed_offset FROM consumer_offsets ORDER BY group_id, partition',
      ),
      groupNames: db.prepare<[], { group_id: string }>('SELECT DISTINCT group_id FROM consumer_offsets'),
      retain: db.prepare('DELETE FROM events WHERE "offset" >= ? AND "offset" <= ? AND received_at < ?'),
      firstRecent: db.prepare<[number, number, number], { o: number }>(
        'SELECT "offset" AS o FROM events WHERE "offset" >= ? AND "offset" <= ? AND received_at >= ? ORDER BY "offset" LIMIT 1',
      ),
    };
  }

  partitionOf(userId: string): number {
    return partitionOf(userId, this.partitions);
  }

  private range(partition: number): Range {
    if (!Number.isInteger(partition) || partition < 0 || partition >= this.partitions)
      throw new RangeError(`no partition ${partition} (the log has ${this.partitions})`);
    return { lo: partition * SPAN, hi: (partition + 1) * SPAN };
  }

  append(events: readonly Event[], receivedAt: number): AppendResult {
    const positions: (LogPosition | null)[] = [];
    let accepted = 0;
    // Immediate, so the end offsets read here cannot be overtaken by another process's append.
    // Nested inside a caller's transaction this becomes a savepoint, so it stays all-or-nothing.
    this.db
      .transaction(() => {
        const ends = new Map<number, number>();
        for (const e of events) {
          const partition = this.partitionOf(e.userId);
          const end = ends.get(partition) ?? this.endOffset(partition);
          const info = this.stmts.insert.run(
            partition * SPAN + end + 1,
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
            ends.set(partition, end + 1);
            positions.push({ partition, offset: end + 1 });
          } else {
            ends.set(partition, end);
            positions.push(null);
          }
        }
      })
      .immediate();
    if (accepted > 0) for (const l of this.listeners) l();
    return { accepted, duplicates: events.length - accepted, positions };
  }

  read(partition: number, after: number, limit: number): LogRecord[] {
    const { lo, hi } = this.range(partition);
    const rows = this.stmts.read.all(lo + after, hi, limit);
    const records: LogRecord[] = new Array<LogRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [offset, receivedAt, ts, doc] = rows[i]!;
      records[i] = { partition, offset: offset - lo, receivedAt, event: JSON.parse(doc) as Event, ts };
    }
    return records;
  }

  endOffset(partition: number): number {
    const { lo, hi } = this.range(partition);
    const o = this.stmts.max.get(lo, hi)!.o;
    return o === null ? 0 : o - lo;
  }

  startOffset(partition: number): number {
    const { lo, hi } = this.range(partition);
    const o = this.stmts.min.get(lo, hi)!.o;
    return o === null ? this.endOffset(partition) + 1 : o - lo;
  }

  totalAppended(): number {
    let total = 0;
    for (let p = 0; p < this.partitions; p++) total += this.endOffset(p);
    return total;
  }

  committed(group: string, partition: number): number {
    this.range(partition);
    return this.stmts.committed.get(group, partition)?.committed_offset ?? 0;
  }

  commit(group: string, partition: number, offset: number): void {
    this.range(partition);
    this.stmts.commit.run(group, partition, offset, Date.now());
  }

  groups(): CommittedOffset[] {
    return this.stmts.groups
      .all()
      .map((r) => ({ group: r.group_id, partition: r.partition, offset: r.committed_offset }));
  }

  retain(before: number, limit = Infinity): number {
    const groups = this.stmts.groupNames.all().map((r) => r.group_id);
    if (groups.length === 0) return 0; // nobody has read anything: nothing may go
    let deleted = 0;
    this.db
      .transaction(() => {
        for (let p = 0; p < this.partitions && deleted < limit; p++) {
          const { lo } = this.range(p);
          // What every group has processed, and never the partition's last record: its rowid is
          // what the next append counts on.
          let upTo = this.endOffset(p) - 1;
          for (const g of groups) upTo = Math.min(upTo, this.committed(g, p));
          const from = this.startOffset(p);
          if (upTo < from) continue;
          upTo = Math.min(upTo, from + (limit - deleted) - 1);
          // Records arrive in log-time order, so what is old enough is a prefix: the delete stops
          // where it ends instead of reading up to `limit` records that must stay (160,000 reads,
          // 12-15 ms of the serving thread every second, when nothing was old enough to go).
          const recent = this.stmts.firstRecent.get(lo + from, lo + upTo, before);
          if (recent) upTo = recent.o - lo - 1;
          if (upTo < from) continue;
          deleted += this.stmts.retain.run(lo + from, lo + upTo, before).changes;
        }
      })
      .immediate();
    return deleted;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
