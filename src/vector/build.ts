// Building an index off the serving thread. An HNSW build costs about a minute per 100,000 vectors
// here (bench/ann) and usearch's native add holds the thread it runs on, so a large index is built
// by a worker thread with its own usearch, saved to a scratch file, and loaded (milliseconds) by the
// caller's thread, which swaps it in; requests meanwhile keep whatever they were using. Small
// indexes ('auto' chooses an exact scan) are built at once, in the caller's thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HNSW_DEFAULTS, HnswIndex } from './hnsw.js';
import { autoExactBelow, createVectorIndex, type VectorIndexOptions } from './index.js';
import type { VectorIndex } from './types.js';

// Inline CommonJS, so the same code runs from the TypeScript sources (tests) and from dist.
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { Index, MetricKind, ScalarKind } = require(w.usearch);
try {
  const index = new Index({
    dimensions: w.dims, metric: MetricKind.IP, quantization: ScalarKind.F32,
    connectivity: w.connectivity, expansion_add: w.expansionAdd, expansion_search: w.expansionSearch,
    multi: false,
  });
  index.add(BigUint64Array.from(w.keys, (k) => BigInt(k)), w.vectors, w.threads);
  index.save(w.file);
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String(e && e.stack || e) });
}
`;

export interface IndexBuild {
  /** Stops a build in progress; its callback is never called. */
  cancel(): void;
}

/**
 * Builds an index over `keys` (vectors flat, keys.length x dims) and hands it to `ready`: at once
 * for an exact index, from a worker thread for HNSW. `failed` gets a worker's error.
 */
export function buildVectorIndex(
  dims: number,
  keys: Int32Array,
  vectors: Float32Array,
  options: VectorIndexOptions,
  ready: (index: VectorIndex) => void,
  failed: (error: Error) => void = () => {},
): IndexBuild {
  const { kind = 'auto', expectedSize = keys.length } = options;
  if (kind === 'exact' || (kind === 'auto' && expectedSize < autoExactBelow(dims))) {
    const index = createVectorIndex(dims, { ...options, kind: 'exact', expectedSize });
    index.addBatch(keys, vectors);
    ready(index);
    return { cancel: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'foryou-index-'));
  const file = join(dir, 'index.usearch');
  const settings = {
    connectivity: options.connectivity ?? HNSW_DEFAULTS.connectivity,
    expansionAdd: options.expansionAdd ?? HNSW_DEFAULTS.expansionAdd,
    expansionSearch: options.expansionSearch ?? HNSW_DEFAULTS.expansionSearch,
    threads: options.threads ?? HNSW_DEFAULTS.threads,
  };
  let cancelled = false;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      usearch: createRequire(import.meta.url).resolve('usearch'),
      dims,
      keys,
      vectors,
      file,
      ...settings,
    },
  });
  worker.unref();
  const finish = () => rmSync(dir, { recursive: true, force: true });
  worker.once('message', (m: { ok: boolean; error?: string }) => {
    void worker.terminate();
    if (cancelled) return finish();
    try {
      if (!m.ok) throw new Error(`vector index build failed: ${m.error}`);
      ready(HnswIndex.load(file, dims, settings));
    } catch (error) {
      failed(error as Error);
    } finally {
      finish();
    }
  });
  worker.once('error', (error) => {
    finish();
    if (!cancelled) failed(error);
  });
  return {
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
