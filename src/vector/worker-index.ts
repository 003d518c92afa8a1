// An HNSW index that lives on a worker thread of its own: built there, changed there by posted adds
// and removes, and searched there. usearch's search holds the thread it runs on for about a
// millisecond at 100,000 x 64 (bench/recall), so on the serving thread two vector sources cost the
// request their sum; here they run while the serving thread fetches the other sources. Messages on
// one port arrive in order, so a search sees every add and remove posted before it.
//
// The workers of a process search (and change their indexes) one at a time, under one lock in
// shared memory: vector recall then holds at most one core, and the serving thread keeps another.
// On two cores, two searching workers and the serving thread took turns on both, and the serving
// thread's own sources finished later (bench/results/recall.md). Builds take no lock: they run
// before an index serves. A worker that dies holding the lock cannot stall the others: a waiter
// takes the lock over after LOCK_TAKEOVER_MS, far past any one search.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { searchUsearch } from './hnsw.js';
import { checkK, checkKey, checkVector, type ServingIndex, type VectorHits } from './types.js';

export interface WorkerIndexSettings {
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
  /** Threads for the initial build (see hnsw.ts on why 1 is the default). */
  threads: number;
}

/** The lock the workers of this process share (one Int32: 0 free, 1 held). */
const PROCESS_SEARCH_LOCK = new SharedArrayBuffer(4);
/** How long a worker waits for the lock before it takes it over from a holder presumed dead. */
export const LOCK_TAKEOVER_MS = 50;

// Inline CommonJS, so the same code runs from the TypeScript sources (tests) and from dist; the
// search itself is hnsw.ts's, as source text.
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { Index, MetricKind, ScalarKind } = require(w.usearch);
${searchUsearch.toString()}
const index = new Index({
  dimensions: w.dims, metric: MetricKind.IP, quantization: ScalarKind.F32,
  connectivity: w.connectivity, expansion_add: w.expansionAdd, expansion_search: w.expansionSearch,
  multi: false,
});
const failed = (id, e) => parentPort.postMessage({ op: 'failed', id, error: String((e && e.stack) || e) });
const lock = new Int32Array(w.lock);
const locked = (run) => {
  const until = Date.now() + w.takeoverMs;
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    if (Date.now() >= until) break; // its holder died: take it over
    Atomics.wait(lock, 0, 1, 5);
  }
  try {
    return run();
  } finally {
    Atomics.store(lock, 0, 0);
    Atomics.notify(lock, 0, 1);
  }
};
try {
  if (w.keys.length > 0) index.add(BigUint64Array.from(w.keys, (k) => BigInt(k)), w.vectors, w.threads);
  parentPort.postMessage({ op: 'built' });
} catch (e) {
  failed(undefined, e);
}
parentPort.on('message', (m) => {
  try {
    if (m.op === 'search') {
      const set = m.excluded.length > 0 ? new Set(m.excluded) : null;
      const filter = set && ((key) => set.has(key));
      const hits = locked(() => searchUsearch(index, m.query, m.k, filter, set ? set.size : 0));
      parentPort.postMessage({ op: 'hits', id: m.id, keys: hits.keys, scores: hits.scores }, [
        hits.keys.buffer,
        hits.scores.buffer,
      ]);
    } else if (m.op === 'add') {
      const key = BigInt(m.key);
      locked(() => {
        if (index.contains(key)) index.remove(key);
        index.add(key, m.vector, 1);
      });
    } else if (m.op === 'remove') {
      locked(() => index.remove(BigInt(m.key)));
    }
  } catch (e) {
    failed(m.id, e);
  }
});
`;

type Reply =
  | { op: 'built' }
  | { op: 'hits'; id: number; keys: Int32Array; scores: Float32Array }
  | { op: 'failed'; id?: number; error: string };

interface PendingSearch {
  resolve(hits: VectorHits): void;
  reject(error: Error): void;
}

export class WorkerIndex implements ServingIndex {
  private readonly worker: Worker;
  /** The keys held, kept here too so that `size` needs no round trip. */
  private readonly keys: Set<number>;
  private readonly pending = new Map<number, PendingSearch>();
  private nextId = 0;
  private closing = false;
  private failure: Error | null = null;

  /**
   * Starts building over `keys` (vectors flat, keys.length x dims) on a new worker thread; `built`
   * runs once it can search, `failed` if the build fails. Searches asked before then wait for it.
   */
  constructor(
    readonly dims: number,
    keys: Int32Array,
    vectors: Float32Array,
    settings: WorkerIndexSettings,
    events: { built(index: WorkerIndex): void; failed(error: Error): void },
    /** The lock it searches under: the process's, shared by every worker index, unless a test gives one. */
    searchLock: SharedArrayBuffer = PROCESS_SEARCH_LOCK,
  ) {
    this.keys = new Set(keys);
    let built = false;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        usearch: createRequire(import.meta.url).resolve('usearch'),
        dims,
        keys,
        vectors,
        ...settings,
        lock: searchLock,
        takeoverMs: LOCK_TAKEOVER_MS,
      },
    });
    // A serving index must not keep a finished process alive.
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      if (m.op === 'built') {
        built = true;
        events.built(this);
      } else if (m.op === 'hits') {
        this.settle(m.id)?.resolve({ keys: m.keys, scores: m.scores });
      } else if (!built) {
        this.fail(new Error(`vector index build failed: ${m.error}`));
        events.failed(this.failure!);
      } else if (m.id !== undefined) {
        this.settle(m.id)?.reject(new Error(`vector search failed: ${m.error}`));
      } else {
        // An add or a remove failed: the index no longer holds what the caller thinks it does.
        this.fail(new Error(`vector index update failed: ${m.error}`));
      }
    });
    this.worker.on('error', (error) => {
      this.fail(error);
      if (!built) events.failed(error);
    });
    this.worker.on('exit', () => this.fail(new Error('vector index worker exited')));
  }

  get size(): number {
    return this.keys.size;
  }

  /** Why this index can no longer serve (its worker failed or exited), or null while it can. */
  get broken(): Error | null {
    return this.failure;
  }

  add(key: number, vector: Float32Array): void {
    checkKey(key);
    checkVector(vector, this.dims);
    if (this.failure) return;
    this.keys.add(key);
    this.worker.postMessage({ op: 'add', key, vector });
  }

  remove(key: number): void {
    if (this.failure || !this.keys.delete(key)) return;
    this.worker.postMessage({ op: 'remove', key });
  }

  search(query: Float32Array, k: number, excluded: Int32Array): Promise<VectorHits> {
    checkVector(query, this.dims, 'query');
    checkK(k);
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('vector index is closed'));
    const id = this.nextId++;
    return new Promise<VectorHits>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ op: 'search', id, query, k, excluded });
    });
  }

  /** Ends the worker once the searches already asked have answered. */
  close(): void {
    this.closing = true;
    if (this.pending.size === 0) void this.worker.terminate();
  }

  private settle(id: number): PendingSearch | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.closing && this.pending.size === 0) void this.worker.terminate();
    return pending;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = this.closing ? new Error('vector index is closed') : error;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}
