// Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the write-ahead log into
// the database file and syncs it: tens of milliseconds for a few megabytes, which on the serving
// thread stall every request behind it (they were the p99 of the feed). Here a worker thread with
// its own connection checkpoints on a timer, and the serving connection never does.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

// Inline CommonJS, so the same code runs from the TypeScript sources (tests) and from dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e)); }
}, workerData.everyMs);
`;

export class Checkpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(
    private readonly db: Db,
    everyMs = 1000,
    onError: (message: string) => void = () => {},
  ) {
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: db.name,
        everyMs,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    this.worker.on('message', onError);
    this.worker.unref();
  }

  /**
   * Stops the worker (terminating it mid-checkpoint is as safe as a crash, which SQLite survives)
   * and hands checkpoints back to the connection, at SQLite's default of 1000 pages.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.worker.terminate();
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
