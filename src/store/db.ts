// Opens the embedded SQLite database in the data directory: WAL, one writer, migrations applied.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { partitionOf } from '../core/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

export interface OpenDbOptions {
  synchronous?: 'full' | 'normal';
  migrations?: Migration[];
}

export const DB_FILE = 'foryou.db';

export function openDb(dataDir: string, options: OpenDbOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'full'}`);
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): the event log's user index takes inserts at
  // random places, and each one that misses the cache reads a page from disk.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  // The event log's partitioner, for migrations that move records between partitions.
  db.function('foryou_partition', { deterministic: true }, (key: unknown, partitions: unknown) =>
    partitionOf(String(key), Number(partitions)),
  );
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

/** Applies every migration newer than the database's `user_version`, each atomically. */
export function migrate(db: Db, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > latest) {
    throw new Error(
      `Database schema version ${current} is newer than this foryou (${latest}); upgrade foryou`,
    );
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs `work` in one immediate transaction whose commit does not wait for fsync. For writes that can
 * be rebuilt (processor state, replayable from the log) or whose loss is harmless (served lists):
 * in WAL mode a crash may lose such a commit but never tears it, and the next fully synced commit
 * makes it durable too.
 */
export function relaxedTransaction<T>(db: Db, work: () => T): T {
  const before = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(work).immediate();
  } finally {
    db.pragma(`synchronous = ${before}`);
  }
}
