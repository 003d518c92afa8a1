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
  {
    version: 3,
    name: 'partitioned event log with retention',
    // Rewrites the log: each record moves to its user's partition (foryou_partition, a function the
    // store registers) and is numbered 1, 2, 3... within it, in its old order. A record's rowid is
    // partition * 2^40 + offset, so a partition is one contiguous rowid range: reading it needs no
    // index, and appending to it needs none either. Committed positions move with their records.
    sql: `
      CREATE TABLE log_meta (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO log_meta (key, value) VALUES ('partitions', 8);
      CREATE TEMP TABLE offset_map AS
        SELECT "offset" AS old, foryou_partition(user_id, 8) AS p,
          ROW_NUMBER() OVER (PARTITION BY foryou_partition(user_id, 8) ORDER BY "offset") AS seq
        FROM events;
      CREATE TABLE events_partitioned (
        "offset" INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT,
        ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      INSERT INTO events_partitioned ("offset", id, type, user_id, item_id, ts, received_at, doc)
        SELECT m.p * 1099511627776 + m.seq, e.id, e.type, e.user_id, e.item_id, e.ts, e.received_at, e.doc
        FROM events e JOIN offset_map m ON m.old = e."offset" ORDER BY m.p, m.seq;
      CREATE TABLE consumer_offsets_partitioned (
        group_id TEXT NOT NULL,
        partition INTEGER NOT NULL,
        committed_offset INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (group_id, partition)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO consumer_offsets_partitioned (group_id, partition, committed_offset, updated_at)
        SELECT c.group_id, m.p, MAX(m.seq), c.updated_at
        FROM consumer_offsets c JOIN offset_map m ON m.old <= c.committed_offset
        GROUP BY c.group_id, m.p;
      DROP TABLE offset_map;
      DROP TABLE events;
      ALTER TABLE events_partitioned RENAME TO events;
      CREATE INDEX events_by_user ON events (user_id, "offset");
      DROP TABLE consumer_offsets;
      ALTER TABLE consumer_offsets_partitioned RENAME TO consumer_offsets;
    `,
  },
  {
    version: 4,
    name: 'windowed item counters',
    sql: `
      -- Item counters per time bucket (event time), behind the 1 h / 24 h / 7 d windows: 5-minute
      -- buckets (span 300000) for the last one to two hours, rolled up into hourly ones (span
      -- 3600000) as they age; rows older than 7 days are deleted. Keyed by span and start first,
      -- so a batch writes at the tree's recent end and expiry and roll-up delete one key range.
      CREATE TABLE item_buckets (
        span INTEGER NOT NULL,
        start INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        impressions INTEGER NOT NULL,
        plays INTEGER NOT NULL,
        completions INTEGER NOT NULL,
        watch_sum REAL NOT NULL,
        likes INTEGER NOT NULL,
        shares INTEGER NOT NULL,
        skips INTEGER NOT NULL,
        PRIMARY KEY (span, start, item_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'training samples from the joiner',
    sql: `
      -- Labelled training samples: one per served item that the user was shown, closed when its
      -- join window ends. Its rowid is its offset: the learner and the warehouse read it as a topic,
      -- so it is AUTOINCREMENT (an offset is never reused, even after the newest row is deleted).
      CREATE TABLE samples (
        "offset" INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        served_at INTEGER NOT NULL,
        closed_at INTEGER NOT NULL,
        position INTEGER NOT NULL,
        source TEXT NOT NULL,
        score REAL NOT NULL,
        -- The features the feed served with the item (JSON object of numbers), as logged by the server.
        features TEXT NOT NULL,
        watch_ratio REAL NOT NULL,
        finished INTEGER NOT NULL,
        liked INTEGER NOT NULL,
        shared INTEGER NOT NULL,
        followed INTEGER NOT NULL,
        quick_skip INTEGER NOT NULL,
        UNIQUE (request_id, item_id)
      ) STRICT;
      -- Impressions waiting for their window to close. close_at is in log time (the records'
      -- received_at, and the wall clock): a record received after it, or the clock passing it, closes
      -- the sample. The partition is the user's, so closing by log time stays within one partition.
      CREATE TABLE joiner_pending (
        request_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        partition INTEGER NOT NULL,
        opened_at INTEGER NOT NULL,
        close_at INTEGER NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (request_id, item_id)
      ) STRICT;
      CREATE INDEX joiner_pending_by_open ON joiner_pending (opened_at);
      CREATE INDEX joiner_pending_by_close ON joiner_pending (partition, close_at);
      CREATE INDEX joiner_pending_by_user ON joiner_pending (user_id, item_id);
      -- The joiner's counters: opened, closed, late, unjoined, unserved, evicted.
      CREATE TABLE joiner_counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'positions of readers of the samples table',
    sql: `
      -- The samples table is read as a topic (one sequence, its rowid the offset); a reader keeps
      -- the last offset it has processed here, as consumer groups do in consumer_offsets.
      CREATE TABLE sample_offsets (
        group_id TEXT PRIMARY KEY,
        committed_offset INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: 'compact profiles and expiring co-visit sessions',
    sql: `
      -- Profiles become compact binary records (store/profile-codec.ts). Rows written before keep
      -- their JSON bytes, which the reader still understands, and are rewritten on their next update.
      CREATE TABLE profiles_packed (
        user_id TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO profiles_packed (user_id, data, updated_at)
        SELECT user_id, CAST(doc AS BLOB), updated_at FROM profiles;
      DROP TABLE profiles;
      ALTER TABLE profiles_packed RENAME TO profiles;
      -- Co-visit sessions likewise, with the time of their last engagement so that a session
      -- older than the session gap (which can pair with nothing) is deleted.
      CREATE TABLE co_sessions_packed (
        user_id TEXT PRIMARY KEY,
        last_ts INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;
      INSERT INTO co_sessions_packed (user_id, last_ts, data)
        SELECT user_id, COALESCE(json_extract(doc, '$[#-1].ts'), 0), CAST(doc AS BLOB) FROM co_sessions;
      DROP TABLE co_sessions;
      ALTER TABLE co_sessions_packed RENAME TO co_sessions;
      CREATE INDEX co_sessions_by_last ON co_sessions (last_ts);
    `,
  },
  {
    version: 8,
    name: 'the joiner keeps its open samples in memory; hot state tables keyed without rowids',
    sql: `
      -- The joiner reads its open samples once, at start, and finds them in memory after that, so
      -- the table needs no index but its key: partition * 2^40 + the offset of the record that
      -- opened the sample, which grows as the log does (writes land at the end of a partition's
      -- range) and touches one b-tree instead of five. Samples open now get keys below zero.
      CREATE TABLE joiner_pending_keyed (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL
      ) STRICT;
      INSERT INTO joiner_pending_keyed (id, doc) SELECT -rowid, doc FROM joiner_pending;
      DROP TABLE joiner_pending;
      ALTER TABLE joiner_pending_keyed RENAME TO joiner_pending;
      -- Item stats and co-visit sessions, rewritten by every processor batch that touches them,
      -- are keyed by their id alone too (a rowid table with a text key is two b-trees to write).
      CREATE TABLE item_stats_keyed (
        item_id TEXT PRIMARY KEY,
        score REAL NOT NULL,
        events INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        impressions INTEGER NOT NULL DEFAULT 0,
        plays INTEGER NOT NULL DEFAULT 0,
        completions INTEGER NOT NULL DEFAULT 0,
        watch_sum REAL NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0,
        shares INTEGER NOT NULL DEFAULT 0,
        skips INTEGER NOT NULL DEFAULT 0
      ) STRICT, WITHOUT ROWID;
      INSERT INTO item_stats_keyed SELECT item_id, score, events, updated_at, impressions, plays,
        completions, watch_sum, likes, shares, skips FROM item_stats;
      DROP TABLE item_stats;
      ALTER TABLE item_stats_keyed RENAME TO item_stats;
      CREATE TABLE co_sessions_keyed (
        user_id TEXT PRIMARY KEY,
        last_ts INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO co_sessions_keyed SELECT user_id, last_ts, data FROM co_sessions;
      DROP TABLE co_sessions;
      ALTER TABLE co_sessions_keyed RENAME TO co_sessions;
      CREATE INDEX co_sessions_by_last ON co_sessions (last_ts);
    `,
  },
  {
    version: 9,
    name: 'experiments and their exposures',
    sql: `
      -- One row per experiment; the definition (arms, overrides, forced users) is a JSON document,
      -- never edited once the experiment has started, so a user's arm cannot change within it.
      CREATE TABLE experiments (
        id TEXT PRIMARY KEY,
        layer TEXT NOT NULL,
        status TEXT NOT NULL,
        doc TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        stopped_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- A user's first feed request in an experiment, with the arm served: the analysis population.
      CREATE TABLE exposures (
        experiment_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        first_at INTEGER NOT NULL,
        PRIMARY KEY (experiment_id, user_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];
