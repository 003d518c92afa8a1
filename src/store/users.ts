// Users in SQLite. Point reads are microseconds, so no cache: the store is the truth.
import type { User } from '../core/index.js';
import type { Db } from './db.js';
import type { UpsertResult } from './catalog.js';

export class UserStore {
  private readonly stmts;
  /** Ids known to exist, so ingesting a returning user's events costs no write. Bounded. */
  private readonly known = new Set<string>();
  private static readonly KNOWN_MAX = 200_000;

  constructor(private readonly db: Db) {
    this.stmts = {
      get: db.prepare<[string], { doc: string }>('SELECT doc FROM users WHERE id = ?'),
      exists: db.prepare<[string], { id: string }>('SELECT id FROM users WHERE id = ?'),
      upsert: db.prepare(
        `INSERT INTO users (id, created_at, doc, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, doc = excluded.doc,
           updated_at = excluded.updated_at`,
      ),
      ensure: db.prepare(
        'INSERT INTO users (id, created_at, doc, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
    };
  }

  get(id: string): User | undefined {
    const row = this.stmts.get.get(id);
    return row ? (JSON.parse(row.doc) as User) : undefined;
  }

  upsert(users: User[], now: number): UpsertResult {
    const result: UpsertResult = { created: 0, updated: 0 };
    this.db
      .transaction(() => {
        for (const raw of users) {
          const user: User = { ...raw, createdAt: raw.createdAt ?? new Date(now).toISOString() };
          if (this.stmts.exists.get(user.id)) result.updated += 1;
          else result.created += 1;
          this.stmts.upsert.run(user.id, Date.parse(user.createdAt!), JSON.stringify(user), now);
        }
      })
      .immediate();
    return result;
  }

  /** Creates a bare user if the id is new; call inside the caller's transaction. Returns true if created. */
  ensure(id: string, firstSeenAt: number, now: number): boolean {
    if (this.known.has(id)) return false;
    const createdAt = new Date(firstSeenAt).toISOString();
    const created =
      this.stmts.ensure.run(id, firstSeenAt, JSON.stringify({ id, createdAt }), now).changes > 0;
    return created;
  }

  /** Marks ids as existing once the transaction that ensured them has committed. */
  remember(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.known.size >= UserStore.KNOWN_MAX) this.known.clear();
      this.known.add(id);
    }
  }

  count(): number {
    return this.stmts.count.get()!.n;
  }
}
