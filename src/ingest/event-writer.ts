// Writes a server's event batches on a thread of its own. A durable append waits for fsync; on the
// serving thread, at 5,000 events/s in batches of 100, those waits were 16 s of its 58 s in a CPU
// profile of bench/freshness, and every feed and stream step queued behind them. The writer
// thread has its own connection to the database file; the batches that arrive while it commits
// are written together in the next transaction, each in its own savepoint (all-or-nothing, as
// alone), under one fsync: a group commit. A request is answered only after the commit that holds
// its batch.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Event } from '../core/index.js';
import type { WriteLock } from '../store/index.js';
import type { EventIngestResult } from './append.js';

/** What the writer thread is started with. */
export interface EventWriterData {
  dataDir: string;
  synchronous: 'full' | 'normal';
  /** The WriteLock's memory, shared with the serving thread's stream runner. */
  lock: SharedArrayBuffer;
}
export interface WriteRequest {
  id: number;
  events: readonly Event[];
  now: number;
}
export type WriteReply = { id: number; result: EventIngestResult } | { id: number; error: string };

export interface EventWriterOptions {
  dataDir: string;
  synchronous: 'full' | 'normal';
  /** Taken around each commit, and by the serving thread's stream runner around each step. */
  lock: WriteLock;
  /** Called after each commit on the writer thread (the stream runner has records to read). */
  onCommitted?: () => void;
}

// Loads the worker module; from the TypeScript sources (tests, tsx) through tsx's loader.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})();
`;
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** tsx's ES module API, found through its package's exports (neither vitest nor Node 20 offers
 * `import.meta.resolve` everywhere, and its CommonJS build cannot register the ESM loader). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (
    JSON.parse(readFileSync(manifest, 'utf8')) as {
      exports: Record<string, { import: { default: string } }>;
    }
  ).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

interface Waiter {
  resolve(result: EventIngestResult): void;
  reject(error: Error): void;
}

export class EventWriter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private closed = false;

  constructor(private readonly options: EventWriterOptions) {}

  /** Appends a valid batch; resolves once its commit is durable (as `synchronous` makes it). */
  append(events: readonly Event[], now: number): Promise<EventIngestResult> {
    if (this.closed) return Promise.reject(new Error('the event writer is closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<EventIngestResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, events, now } satisfies WriteRequest);
    });
  }

  /** Batches sent and not yet answered. */
  get pending(): number {
    return this.waiting.size;
  }

  /**
   * Stops the thread. A batch it is writing is rolled back, as in a crash, and its request fails:
   * it was never acknowledged. A server closes the writer after its requests have been answered.
   */
  close(): void {
    this.closed = true;
    void this.worker?.terminate();
    this.worker = null;
    this.failAll(new Error('the event writer is closed'));
  }

  private start(): Worker {
    const { dataDir, synchronous, lock } = this.options;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        dataDir,
        synchronous,
        lock: lock.buffer,
        entry: new URL(
          FROM_SOURCES ? './event-writer-worker.ts' : './event-writer-worker.js',
          import.meta.url,
        ).href,
        tsx: FROM_SOURCES ? tsxApi() : null,
      },
    });
    // Pending requests keep a server alive, not the thread.
    worker.unref();
    worker.on('message', (replies: WriteReply[]) => {
      for (const reply of replies) {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if ('error' in reply) waiter?.reject(new Error(reply.error));
        else waiter?.resolve(reply.result);
      }
      this.options.onCommitted?.();
    });
    // A thread that died is started again by the next append; what it held fails (not acknowledged,
    // so clients retry, and event ids make a retry of a batch that did commit a duplicate).
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      // It may have died holding the lock; this thread holds it only inside a synchronous step.
      lock.release();
      this.failAll(new Error('the event writer stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiters) w.reject(error);
  }
}
