// bench/ann: the vector index behind embedding recall. Builds an HnswIndex (usearch) over synthetic
// embeddings and measures, per expansionSearch, single-query latency on this thread and recall@k
// against the exact BruteForceIndex. Target: < 1 ms per query with recall@100 >= 0.95.
// Usage: npx tsx bench/ann/run.ts [--items 100000 --dims 64 --queries 1000 --k 100 --ef 64,128,192,256,512]
//   [--datasets clustered,uniform] [--connectivity 24] [--expansion-add 128] [--exclusion-ef 192]
//   [--no-parallel-build] [--no-record]
// Per data set: the exact scan's latency (at --items and at the 'auto' threshold), one build on one
// thread (time, RSS growth, file size, items not found as their own neighbour), a row per ef (the
// index saved once and loaded with each ef), the feed's case with 200 seen items excluded, and a
// build with one thread per core.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  autoExactBelow,
  BruteForceIndex,
  HNSW_DEFAULTS,
  HnswIndex,
  type VectorIndex,
} from '../../src/vector/index.js';
import { latencySummary, record } from '../lib.js';
import { clustered, uniform, type Dataset } from './data.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    dims: { type: 'string', default: '64' },
    queries: { type: 'string', default: '1000' },
    k: { type: 'string', default: '100' },
    clusters: { type: 'string', default: '200' },
    ef: { type: 'string', default: '64,128,192,256,512' },
    connectivity: { type: 'string', default: String(HNSW_DEFAULTS.connectivity) },
    'expansion-add': { type: 'string', default: String(HNSW_DEFAULTS.expansionAdd) },
    datasets: { type: 'string', default: 'clustered,uniform' },
    'exclusion-ef': { type: 'string', default: String(HNSW_DEFAULTS.expansionSearch) },
    // Also build with one thread per core (faster, but see usearch issue #735 in src/vector/hnsw.ts).
    'parallel-build': { type: 'boolean', default: true },
    // Write bench/results/ann.json (off for tuning runs).
    record: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const n = Number(values.items);
const dims = Number(values.dims);
const q = Number(values.queries);
const k = Number(values.k);
const efs = values.ef.split(',').map(Number);
const clusters = Number(values.clusters);
const graph = { connectivity: Number(values.connectivity), expansionAdd: Number(values['expansion-add']) };
const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), 'foryou-ann-'));

const row = (data: Float32Array, i: number) => data.subarray(i * dims, (i + 1) * dims);
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Latency percentiles in ms of one search per query (after a warm-up pass over 100 of them). */
function timeQueries(index: VectorIndex, ds: Dataset, exclude?: (u: number) => (key: number) => boolean) {
  for (let u = 0; u < Math.min(100, q); u++) index.search(row(ds.queries, u), k, exclude?.(u));
  const ms = new Float64Array(q);
  const hits = [];
  // CPU time of this process over the loop: unlike wall time, it leaves out time spent waiting for a
  // core, so it stays comparable when other processes load the machine.
  const cpu = process.cpuUsage();
  for (let u = 0; u < q; u++) {
    const filter = exclude?.(u);
    const t = process.hrtime.bigint();
    const h = index.search(row(ds.queries, u), k, filter);
    ms[u] = Number(process.hrtime.bigint() - t) / 1e6;
    hits.push(h.keys);
  }
  const used = process.cpuUsage(cpu);
  const { p50, p90, p99, mean } = latencySummary(ms);
  const cpuMean = round((used.user + used.system) / 1000 / q);
  return { hits, latencyMs: { p50, p90, p99, mean, cpuMean } };
}

function recall(hits: Int32Array[], truth: Int32Array[]) {
  const per = hits.map((h, u) => {
    const want = new Set(truth[u]);
    return want.size === 0 ? 1 : h.filter((key) => want.has(key)).length / want.size;
  });
  const sorted = [...per].sort((a, b) => a - b);
  return { mean: round(per.reduce((a, b) => a + b, 0) / q, 4), p10: round(sorted[Math.floor(q / 10)]!, 4) };
}

function build(ds: Dataset, threads: number) {
  const rss = process.memoryUsage().rss;
  const t = process.hrtime.bigint();
  const index = new HnswIndex({ dims, ...graph, expansionSearch: efs[0]!, threads });
  index.addBatch(
    Int32Array.from({ length: n }, (_, i) => i),
    ds.items,
  );
  const seconds = round(Number(process.hrtime.bigint() - t) / 1e9, 2);
  const rssDeltaMiB = Math.round((process.memoryUsage().rss - rss) / MiB);
  // An item not found as its own nearest neighbour is, with ef >= 64, almost surely unreachable.
  let selfMissed = 0;
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 10_000)))
    if (index.search(row(ds.items, i), 1).keys[0] !== i) selfMissed++;
  return {
    index,
    stats: { threads: threads || cpus().length, seconds, rssDeltaMiB, selfMissedOf10k: selfMissed },
  };
}

function bench(ds: Dataset) {
  process.stdout.write(`\n${ds.name}: ${n} x ${dims}, ${q} queries, k = ${k}\n`);
  const exact = new BruteForceIndex(dims, n);
  exact.addBatch(
    Int32Array.from({ length: n }, (_, i) => i),
    ds.items,
  );
  const seen = ds.seen.map((s) => new Set(s));
  const notSeen = (u: number) => (key: number) => seen[u]!.has(key);
  const exactRun = timeQueries(exact, ds);
  const truth = exactRun.hits;
  const truthUnseen = timeQueries(exact, ds, notSeen).hits;
  const smallN = Math.min(n, autoExactBelow(dims));
  const small = new BruteForceIndex(dims, smallN);
  small.addBatch(
    Int32Array.from({ length: smallN }, (_, i) => i),
    ds.items.subarray(0, smallN * dims),
  );
  const exactSmall = timeQueries(small, ds).latencyMs;
  process.stdout.write(
    `exact scan: ${JSON.stringify(exactRun.latencyMs)}; at ${smallN}: ${JSON.stringify(exactSmall)}\n`,
  );

  const built = build(ds, 1);
  const path = join(dir, `${ds.name}.usearch`);
  built.index.save(path);
  const fileMiB = round(statSync(path).size / MiB, 1);
  process.stdout.write(`build: ${JSON.stringify(built.stats)}, file ${fileMiB} MiB\n`);
  process.stdout.write(
    '| ef | p50 ms | p90 ms | p99 ms | mean ms | CPU ms | recall@k | p10 recall |\n|---|---|---|---|---|---|---|---|\n',
  );
  const rows = efs.map((ef, i) => {
    const index = i === 0 ? built.index : HnswIndex.load(path, dims, { ...graph, expansionSearch: ef });
    const run = timeQueries(index, ds);
    const r = recall(run.hits, truth);
    const l = run.latencyMs;
    process.stdout.write(
      `| ${ef} | ${l.p50} | ${l.p90} | ${l.p99} | ${l.mean} | ${l.cpuMean} | ${r.mean} | ${r.p10} |\n`,
    );
    return { expansionSearch: ef, latencyMs: l, recall: r };
  });

  // The feed's case: the user's 200 seen items (from their own topics, so near) excluded.
  const efDefault = Number(values['exclusion-ef']);
  const withDefault = HnswIndex.load(path, dims, { ...graph, expansionSearch: efDefault });
  const ex = timeQueries(withDefault, ds, notSeen);
  const exclusion = {
    expansionSearch: efDefault,
    excluded: 200,
    latencyMs: ex.latencyMs,
    recall: recall(ex.hits, truthUnseen),
  };
  process.stdout.write(`excluding 200 seen: ${JSON.stringify(exclusion)}\n`);

  const parallel = values['parallel-build'] ? build(ds, 0) : undefined;
  let parallelBuild;
  if (parallel) {
    const parallelRecall = recall(timeQueries(parallel.index, ds).hits, truth);
    process.stdout.write(
      `parallel build: ${JSON.stringify(parallel.stats)}, recall ${JSON.stringify(parallelRecall)}\n`,
    );
    parallelBuild = { ...parallel.stats, expansionSearch: efs[0], recall: parallelRecall };
  }
  return {
    dataset: ds.name,
    exactLatencyMs: exactRun.latencyMs,
    exactLatencyMsAtAutoThreshold: { items: smallN, ...exactSmall },
    build: { ...built.stats, fileMiB },
    rows,
    exclusion,
    parallelBuild,
  };
}

const loadBefore = loadavg();
try {
  const make = {
    clustered: () => clustered(n, dims, q, clusters, 42),
    uniform: () => uniform(n, dims, q, 43),
  };
  const results = values.datasets.split(',').map((name) => {
    const generate = make[name as keyof typeof make];
    if (!generate) throw new Error(`unknown data set ${name}: clustered or uniform`);
    return bench(generate());
  });
  if (values.record)
    record('ann', {
      command: ['npx tsx bench/ann/run.ts', ...process.argv.slice(2)].join(' '),
      target: `< 1 ms per query with recall@${k} >= 0.95`,
      items: n,
      dims,
      queries: q,
      k,
      clusters,
      index: { library: 'usearch 2.25.3', metric: 'ip', quantization: 'f32', ...graph },
      // The machine's 1/5/15-minute load averages before and after: above its core count, other
      // processes competed for the CPU during the run and the latencies are pessimistic.
      loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: loadavg().map((x) => round(x, 2)) },
      results,
    });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
