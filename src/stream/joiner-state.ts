// The sample joiner's state in SQLite, written through the runner's transaction so a crash loses
// nothing: the samples still open (joiner_pending), its counters (joiner_counters), and the served
// lists it reads the served features from (written by the feed server, possibly a moment late).
//
// The open samples live in memory (loaded at start), indexed by key, by user, by partition and
// close time, and by open time, so an event costs no SQLite read; the rows a call changed are
// written once, at its end (`flush`), through the same transaction as the offsets. Memory is
// changed before that commit, so if the transaction fails the runner calls `reload`, which reads
// the rows back as they were committed. Like the item windows, memory holds what was loaded at
// start plus this process's own writes: processes sharing the file each keep their partitions'.
import type { Db, ServedItem } from '../store/index.js';
import { MinHeap } from './min-heap.js';

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
  /** Its row's key: partition * 2^40 + the offset of the record that opened it (one record opens one sample). */
  id: number;
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
  private readonly byKey = new Map<string, PendingSample>();
  private readonly byUser = new Map<string, Map<string, PendingSample>>();
  /** Per partition, samples by close time (stale entries skipped: see MinHeap). */
  private readonly closing = new Map<number, MinHeap<PendingSample>>();
  /** The close time each sample was last queued under, so a save queues it again only on a change. */
  private readonly queuedAt = new Map<PendingSample, number>();
  private readonly byOpen = new MinHeap<PendingSample>();
  /** Open samples per partition. */
  private readonly perPartition = new Map<number, number>();
  /** Samples changed (or removed) since the last flush by row id, and the ids that have a row. */
  private readonly dirty = new Map<number, PendingSample>();
  private readonly stored = new Set<number>();
  /** Served rows read during this call: they cannot change inside the runner's transaction. */
  private readonly servedRows = new Map<string, { userId: string; ts: number; items: ServedItem[] } | null>();

  constructor(db: Db) {
    this.stmts = {
      all: db.prepare<[], { id: number; doc: string }>('SELECT id, doc FROM joiner_pending'),
      save: db.prepare<[number, string]>(
        'INSERT INTO joiner_pending (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
      ),
      remove: db.prepare<[number]>('DELETE FROM joiner_pending WHERE id = ?'),
      served: db.prepare<[string], { user_id: string; ts: number; items: string }>(
        'SELECT user_id, ts, items FROM served WHERE request_id = ?',
      ),
      addCounter: db.prepare(
        `INSERT INTO joiner_counters (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`,
      ),
      counters: db.prepare<[], { name: string; value: number }>('SELECT name, value FROM joiner_counters'),
    };
    this.reload();
  }

  /** Forgets memory and reads the open samples as committed (after a failed transaction). */
  reload(): void {
    this.byKey.clear();
    this.byUser.clear();
    this.closing.clear();
    this.queuedAt.clear();
    this.byOpen.clear();
    this.perPartition.clear();
    this.dirty.clear();
    this.stored.clear();
    this.servedRows.clear();
    for (const { id, doc } of this.stmts.all.iterate()) {
      const p = JSON.parse(doc) as PendingSample;
      p.id = id; // rows written before version 8 have no id in their document
      p.served ??= null; // not in the row (see `flush`): read from the served table when needed
      this.stored.add(id);
      this.add(p);
    }
  }

  get(requestId: string, itemId: string): PendingSample | undefined {
    return this.byKey.get(keyOf(requestId, itemId));
  }

  /** The user's most recently opened sample of the item. */
  latestFor(userId: string, itemId: string): PendingSample | undefined {
    let latest: PendingSample | undefined;
    for (const p of this.byUser.get(userId)?.values() ?? [])
      if (p.itemId === itemId && (!latest || p.openedAt >= latest.openedAt)) latest = p;
    return latest;
  }

  ofUser(userId: string): PendingSample[] {
    return [...(this.byUser.get(userId)?.values() ?? [])];
  }

  /** The partition's samples whose closeAt is before `before`, soonest first. */
  due(partition: number, before: number): PendingSample[] {
    const heap = this.closing.get(partition);
    const out: PendingSample[] = [];
    while (heap && heap.size > 0 && heap.peekKey()! < before) {
      const at = heap.peekKey()!;
      const p = heap.pop()!;
      if (this.queuedAt.get(p) === at) {
        this.queuedAt.delete(p); // taken off the queue: a caller that keeps it saves it again
        out.push(p);
      }
    }
    return out;
  }

  oldest(): PendingSample | undefined {
    for (let p = this.byOpen.peek(); p; p = this.byOpen.peek()) {
      if (this.byKey.get(keyOf(p.requestId, p.itemId)) === p) return p;
      this.byOpen.pop(); // closed since it was queued
    }
    return undefined;
  }

  count(): number {
    return this.byKey.size;
  }

  /** Partitions that have an open sample. */
  partitions(): number[] {
    return [...this.perPartition.keys()];
  }

  /** Records a new or changed sample: in memory now, in the table at `flush`. */
  save(p: PendingSample): void {
    const key = keyOf(p.requestId, p.itemId);
    if (this.byKey.get(key) !== p) {
      const old = this.byKey.get(key);
      if (old) this.drop(key, old);
      this.add(p);
    } else if (this.queuedAt.get(p) !== p.closeAt) this.queue(p);
    this.dirty.set(p.id, p);
  }

  remove(p: PendingSample): void {
    const key = keyOf(p.requestId, p.itemId);
    if (this.byKey.get(key) !== p) return;
    this.drop(key, p);
    this.dirty.set(p.id, p);
  }

  /**
   * Writes the rows changed since the last flush (through the caller's transaction). A row leaves
   * out what was served (the served features are most of a sample): the served table, which keeps
   * its rows for days against the joiner's minutes, has it, and a sample reloaded without it reads
   * it from there again (`served`), as one opened before its served row was flushed does.
   */
  flush(): void {
    for (const [id, p] of this.dirty) {
      if (this.byKey.get(keyOf(p.requestId, p.itemId)) === p) {
        const { served: _served, ...row } = p;
        this.stmts.save.run(id, JSON.stringify(row));
        this.stored.add(id);
      } else if (this.stored.delete(id)) this.stmts.remove.run(id);
    }
    this.dirty.clear();
    this.servedRows.clear();
    // Closed samples stay in the open-time heap until they reach its top, which only eviction
    // looks at: rebuild it once they outnumber the open ones, so it stays O(open samples).
    if (this.byOpen.size > 2 * this.byKey.size + 1024) {
      this.byOpen.clear();
      for (const p of this.byKey.values()) this.byOpen.push(p.openedAt, p);
    }
  }

  /** What the request served for the item, if its served row is in the table and is the user's. */
  served(requestId: string, itemId: string, userId: string): ServedFacts | null {
    let row = this.servedRows.get(requestId);
    if (row === undefined) {
      const r = this.stmts.served.get(requestId);
      row = r ? { userId: r.user_id, ts: r.ts, items: JSON.parse(r.items) as ServedItem[] } : null;
      this.servedRows.set(requestId, row);
    }
    if (!row || row.userId !== userId) return null;
    const item = row.items.find((i) => i.itemId === itemId);
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

  private add(p: PendingSample): void {
    const key = keyOf(p.requestId, p.itemId);
    this.byKey.set(key, p);
    let mine = this.byUser.get(p.userId);
    if (!mine) this.byUser.set(p.userId, (mine = new Map()));
    mine.set(key, p);
    this.byOpen.push(p.openedAt, p);
    this.perPartition.set(p.partition, (this.perPartition.get(p.partition) ?? 0) + 1);
    this.queue(p);
  }

  private queue(p: PendingSample): void {
    let heap = this.closing.get(p.partition);
    if (!heap) this.closing.set(p.partition, (heap = new MinHeap()));
    heap.push(p.closeAt, p);
    this.queuedAt.set(p, p.closeAt);
  }

  private drop(key: string, p: PendingSample): void {
    this.byKey.delete(key);
    const mine = this.byUser.get(p.userId);
    mine?.delete(key);
    if (mine?.size === 0) this.byUser.delete(p.userId);
    this.queuedAt.delete(p);
    const n = (this.perPartition.get(p.partition) ?? 1) - 1;
    if (n > 0) this.perPartition.set(p.partition, n);
    else this.perPartition.delete(p.partition);
  }
}

/** Item ids hold no control character, so the last NUL of a key ends its request id. */
function keyOf(requestId: string, itemId: string): string {
  return requestId + '\u0000' + itemId;
}
