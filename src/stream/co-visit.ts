// The co-visitation processor: when a user engages positively with a video, every video they
// engaged with positively earlier in the same session becomes its co-visited neighbour, nearer ones
// weighing more. The item-to-item co-engagement source reads the result.
//
// Its own state is each user's session: at most SESSION_LENGTH last positive engagements, none
// older than the session gap before the newest (older ones can pair with no later event), kept in
// co_sessions as a compact record and in a bounded cache. A session whose newest engagement is
// more than the gap behind the log pairs with nothing more, so `expire` deletes it (at most once a
// minute). "The log's time" is event time, the least over partitions of the newest event seen in
// each, capped by the clock: a replay of old events (or a lagging partition) expires nothing early,
// so replays give the same pairs. Event time moves on when a batch commits, so expiry sees a batch's
// events from the next step.
import type { Config } from '../core/index.js';
import { eventTime, type LogRecord } from '../log/index.js';
import type { CoVisitDelta, CoVisitStore, Db } from '../store/index.js';
import type { Processor } from './processor.js';
import type { SignalReader } from './signals.js';

/** A user's last positive engagements, oldest first. */
type Session = { itemId: string; ts: number }[];

const SESSION_LENGTH = 10;
/** Expiry of idle sessions is checked at most this often. */
const EXPIRE_EVERY_MS = 60_000;

/** u8 n, then per engagement: u16 byte length + UTF-8 item id | f64 ts. Sessions written as JSON still decode. */
export function encodeSession(session: Session): Buffer {
  let size = 1;
  for (const s of session) size += 2 + Buffer.byteLength(s.itemId, 'utf8') + 8;
  const buf = Buffer.allocUnsafe(size);
  buf[0] = session.length;
  let pos = 1;
  for (const s of session) {
    const n = buf.write(s.itemId, pos + 2, 'utf8');
    buf.writeUInt16LE(n, pos);
    pos = buf.writeDoubleLE(s.ts, pos + 2 + n);
  }
  return buf;
}

export function decodeSession(data: Buffer): Session {
  if (data[0] === 0x5b) return JSON.parse(data.toString('utf8')) as Session; // '[': written as JSON
  const session: Session = [];
  let pos = 1;
  for (let i = data[0]!; i > 0; i--) {
    const n = data.readUInt16LE(pos);
    const itemId = data.toString('utf8', pos + 2, pos + 2 + n);
    pos += 2 + n;
    session.push({ itemId, ts: data.readDoubleLE(pos) });
    pos += 8;
  }
  return session;
}

export class CoVisitProcessor implements Processor {
  readonly group = 'co-visit';
  private readonly sessions = new Map<string, Session>();
  private readonly load;
  private readonly save;
  private readonly deleteIdle;
  private lastExpiry = -Infinity;
  /** The newest event time seen per partition (in memory: after a restart, expiry waits for records). */
  private readonly eventTime = new Map<number, number>();

  constructor(
    db: Db,
    private readonly store: CoVisitStore,
    private readonly signals: SignalReader,
    private readonly config: Config['profile'],
    private readonly maxCached = 100_000,
  ) {
    this.load = db.prepare<[string], { data: Buffer }>('SELECT data FROM co_sessions WHERE user_id = ?');
    this.save = db.prepare(
      `INSERT INTO co_sessions (user_id, last_ts, data) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET last_ts = excluded.last_ts, data = excluded.data`,
    );
    this.deleteIdle = db.prepare('DELETE FROM co_sessions WHERE last_ts < ?');
  }

  private session(userId: string): Session {
    const cached = this.sessions.get(userId);
    if (cached) return cached;
    const row = this.load.get(userId);
    return row ? decodeSession(row.data) : [];
  }

  process(records: readonly LogRecord[]): () => void {
    const staged = new Map<string, Session>();
    const deltas: CoVisitDelta[] = [];
    const gap = this.config.sessionGapMs;
    // Each partition's event time moves to its last record's (a late last record moves it less).
    const lastOf = new Map<number, number>();
    for (const r of records) {
      const { event, partition } = r;
      const ts = eventTime(r);
      lastOf.set(partition, ts);
      if (!event.itemId || !this.signals.read(event).positive) continue;
      const session = staged.get(event.userId) ?? this.session(event.userId);
      const itemId = event.itemId;
      const newest = Math.max(ts, lastTs(session));
      // One pass (this runs per positive event): the engagements this one pairs with, and the
      // session after it, without what is older than the gap before the newest engagement (it
      // pairs with nothing that follows).
      const earlier: Session = [];
      const kept: Session = [];
      for (const s of session) {
        if (s.itemId === itemId) continue;
        if (ts - s.ts <= gap) earlier.push(s);
        if (newest - s.ts <= gap) kept.push(s);
      }
      for (let i = 0; i < earlier.length; i++) {
        const weight = 1 / (earlier.length - i); // the one just before counts 1, the one before 1/2...
        const b = earlier[i]!.itemId;
        deltas.push({ a: b, b: itemId, weight, ts }, { a: itemId, b, weight, ts });
      }
      if (newest - ts <= gap) kept.push({ itemId, ts });
      staged.set(event.userId, kept.length > SESSION_LENGTH ? kept.slice(-SESSION_LENGTH) : kept);
    }
    const times = new Map(this.eventTime);
    for (const [partition, ts] of lastOf)
      times.set(partition, Math.max(ts, times.get(partition) ?? -Infinity));
    for (const [userId, session] of staged) this.save.run(userId, lastTs(session), encodeSession(session));
    const publish = this.store.stage(deltas);
    return () => {
      publish();
      for (const [userId, session] of staged) this.remember(userId, session);
      for (const [partition, ts] of times) this.eventTime.set(partition, ts);
    };
  }

  /** Deletes the sessions whose newest engagement is more than the session gap behind the log. */
  expire(now: number): (() => void) | void {
    if (this.eventTime.size === 0) return;
    if (now >= this.lastExpiry && now - this.lastExpiry < EXPIRE_EVERY_MS) return;
    this.lastExpiry = now; // before the commit: if it fails, the next try is a minute on (harmless)
    const cutoff = Math.min(now, ...this.eventTime.values()) - this.config.sessionGapMs;
    if (this.deleteIdle.run(cutoff).changes === 0) return;
    return () => {
      for (const [userId, session] of this.sessions)
        if (lastTs(session) < cutoff) this.sessions.delete(userId);
    };
  }

  private remember(userId: string, session: Session): void {
    this.sessions.delete(userId);
    if (this.sessions.size >= this.maxCached) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(userId, session);
  }
}

/** The newest engagement's time (a late event may have been appended after newer ones). */
function lastTs(session: Session): number {
  let t = -Infinity;
  for (const s of session) t = Math.max(t, s.ts);
  return t === -Infinity ? 0 : t;
}
