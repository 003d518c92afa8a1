// Versioned schema migrations. Append only: a released migration is never edited, a change is a
// new entry. Each runs in its own transaction with the bump of `user_version`.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'catalog, users and the event log',
    sql: `
      CREATE TABLE creators (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        creator_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        seq INTEGER NOT NULL,
        doc TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX items_by_seq ON items (seq);
      CREATE INDEX items_by_creator ON items (creator_id, created_at);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        doc TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- The event log: append only. Offsets are rowids, each one past the largest; so they are never
      -- reused as long as the newest record is never deleted (retention must keep it). AUTOINCREMENT
      -- would guarantee it alone, at a fifth of the insert rate.
      CREATE TABLE events (
        "offset" INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT,
        ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_by_user ON events (user_id, "offset");
      -- Committed positions of consumer groups in the log.
      CREATE TABLE consumer_offsets (
        group_id TEXT PRIMARY KEY,
        committed_offset INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- Exponentially decayed engagement per item, as of updated_at.
      CREATE TABLE item_stats (
        item_id TEXT PRIMARY KEY,
        score REAL NOT NULL,
        events INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- What each feed response served, for the served-recently filter and later the sample joiner.
      CREATE TABLE served (
        request_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        items TEXT NOT NULL
      ) STRICT;
      CREATE INDEX served_by_user ON served (user_id, ts);
    `,
  },
  {
    version: 2,
    name: 'item counters, user profiles and co-visitation',
    sql: `
      -- Lifetime counters per item, beside its decayed score: the quality and fresh pools read them.
      ALTER TABLE item_stats ADD COLUMN impressions INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_stats ADD COLUMN plays INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_stats ADD COLUMN completions INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_stats ADD COLUMN watch_sum REAL NOT NULL DEFAULT 0;
      ALTER TABLE item_stats ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_stats ADD COLUMN shares INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_stats ADD COLUMN skips INTEGER NOT NULL DEFAULT 0;
      -- One JSON document per user (core/profile.ts), written by the profile processor.
      CREATE TABLE profiles (
        user_id TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- Session co-visitation: decayed weight of b engaged near a, as of updated_at; both directions
      -- are rows. Bounded per item by pruning the weakest neighbours.
      CREATE TABLE co_visits (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        w REAL NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (a, b)
      ) STRICT, WITHOUT ROWID;
      -- The co-visitation processor's own short memory of each user's last positive engagements.
      CREATE TABLE co_sessions (
        user_id TEXT PRIMARY KEY,
        doc TEXT NOT NULL
      ) STRICT;
    `,
  },
];
