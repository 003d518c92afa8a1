// User profiles (core/profile.ts): one compact binary record per user in SQLite (profile-codec.ts),
// with the active users in a bounded least-recently-used cache for the feed. Only the profile
// processor writes them. Per user on disk: a record of at most maxRecent engagements, maxFollows
// follows and 2 x maxAffinities affinities (about 1-2.5 KB at the default bounds, by how full).
import type { UserProfile } from '../core/index.js';
import type { Db } from './db.js';
import { decodeProfile, encodeProfile } from './profile-codec.js';

export class ProfileStore {
  private readonly cache = new Map<string, UserProfile>();
  private readonly load;
  private readonly upsert;

  constructor(
    db: Db,
    private readonly maxCached = 100_000,
  ) {
    this.load = db.prepare<[string], { data: Buffer }>('SELECT data FROM profiles WHERE user_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO profiles (user_id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    );
  }

  /** The user's profile, or null if the user has no engagement yet. Callers must not change it. */
  get(userId: string): UserProfile | null {
    const cached = this.cache.get(userId);
    if (cached) {
      this.cache.delete(userId); // to the young end
      this.cache.set(userId, cached);
      return cached;
    }
    const row = this.load.get(userId);
    if (!row) return null;
    const profile = decodeProfile(userId, row.data);
    this.remember(profile);
    return profile;
  }

  /** Writes profiles through the caller's transaction; the returned function publishes them once it has committed. */
  stage(profiles: Iterable<UserProfile>): () => void {
    const written: UserProfile[] = [];
    for (const p of profiles) {
      this.upsert.run(p.userId, encodeProfile(p), p.updatedAt);
      written.push(p);
    }
    return () => {
      for (const p of written) this.remember(p);
    };
  }

  /** How many profiles are held in memory (at most the bound given to the constructor). */
  get cached(): number {
    return this.cache.size;
  }

  private remember(profile: UserProfile): void {
    this.cache.delete(profile.userId);
    if (this.cache.size >= this.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(profile.userId, profile);
  }
}
