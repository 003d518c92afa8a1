// The co-visitation processor: when a user engages positively with a video, every video they
// engaged with positively earlier in the same session becomes its co-visited neighbour, nearer ones
// weighing more. The item-to-item co-engagement source reads the result.
import type { Config } from '../core/index.js';
import type { LogRecord } from '../log/index.js';
import type { CoVisitDelta, CoVisitStore, Db } from '../store/index.js';
import type { Processor } from './processor.js';
import type { SignalReader } from './signals.js';

/** A user's last positive engagements, oldest first. */
type Session = { itemId: string; ts: number }[];

const SESSION_LENGTH = 10;

export class CoVisitProcessor implements Processor {
  readonly group = 'co-visit';
  private readonly sessions = new Map<string, Session>();
  private readonly load;
  private readonly save;

  constructor(
    db: Db,
    private readonly store: CoVisitStore,
    private readonly signals: SignalReader,
    private readonly config: Config['profile'],
    private readonly maxCached = 100_000,
  ) {
    this.load = db.prepare<[string], { doc: string }>('SELECT doc FROM co_sessions WHERE user_id = ?');
    this.save = db.prepare(
      `INSERT INTO co_sessions (user_id, doc) VALUES (?, ?)
       ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc`,
    );
  }

  private session(userId: string): Session {
    const cached = this.sessions.get(userId);
    if (cached) return cached;
    const row = this.load.get(userId);
    return row ? (JSON.parse(row.doc) as Session) : [];
  }

  process(records: readonly LogRecord[]): () => void {
    const staged = new Map<string, Session>();
    const deltas: CoVisitDelta[] = [];
    for (const { event } of records) {
      if (!event.itemId || !this.signals.read(event).positive) continue;
      let session = staged.get(event.userId);
      if (!session) {
        session = [...this.session(event.userId)];
        staged.set(event.userId, session);
      }
      const ts = Date.parse(event.timestamp);
      const itemId = event.itemId;
      const earlier = session.filter((s) => s.itemId !== itemId && ts - s.ts <= this.config.sessionGapMs);
      earlier.forEach((s, i) => {
        const weight = 1 / (earlier.length - i); // the one just before counts 1, the one before 1/2...
        deltas.push({ a: s.itemId, b: itemId, weight, ts }, { a: itemId, b: s.itemId, weight, ts });
      });
      const next = session.filter((s) => s.itemId !== itemId);
      next.push({ itemId, ts });
      staged.set(event.userId, next.slice(-SESSION_LENGTH));
    }
    for (const [userId, session] of staged) this.save.run(userId, JSON.stringify(session));
    const publish = this.store.stage(deltas);
    return () => {
      publish();
      for (const [userId, session] of staged) this.remember(userId, session);
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
