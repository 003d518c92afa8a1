// bench/stream: events per second through every stream processor, embedded, in one process.
// Usage: npm run bench:stream [-- --events 200000 --users 20000 --videos 10000]
// The log is filled first (not timed), each impression's served row with it as a feed writes it (so
// the joiner writes samples with their features); then the runner drains it, timed as a whole and
// per processor (each alone, from the start of the log, on a copy of the data directory).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, type Event } from '../../src/core/index.js';
import { Engine } from '../../src/engine/index.js';
import { Checkpointer, type ServedItem } from '../../src/store/index.js';
import { StreamRunner, type JoinerCounters } from '../../src/stream/index.js';
import { record } from '../lib.js';
import { engineWithCatalog } from './setup.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    users: { type: 'string', default: '20000' },
    videos: { type: 'string', default: '10000' },
    /** Skip the per-processor runs (for profiling the whole). */
    'all-only': { type: 'boolean', default: false },
  },
});
const nEvents = Number(values.events);
const nUsers = Number(values.users);
const nVideos = Number(values.videos);

/** A feed's worth of behaviour: impressions, then watches or quick skips, some likes and shares. */
function* syntheticEvents(
  itemIds: string[],
  creatorOf: Map<string, string>,
  start: number,
): Generator<Event> {
  let seq = 0;
  let rng = 12345;
  const rand = () => (rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 2 ** 32;
  while (seq < nEvents) {
    const userId = `u${Math.floor(rand() * nUsers)}`;
    const itemId = itemIds[Math.floor(rand() * rand() * itemIds.length)]!; // skewed to the first
    const requestId = `r${seq}`;
    const ts = start + seq * 10;
    const base = { userId, itemId, requestId, position: 0 };
    const at = (dt: number) => new Date(ts + dt).toISOString();
    yield { ...base, id: `e${seq++}`, type: 'impression', timestamp: at(0) };
    if (rand() < 0.3) {
      yield { ...base, id: `e${seq++}`, type: 'skip', timestamp: at(1), watchMs: 800, durationMs: 20_000 };
      continue;
    }
    const watchMs = Math.floor(rand() * 40_000);
    yield { ...base, id: `e${seq++}`, type: 'watch', timestamp: at(2), watchMs, durationMs: 20_000 };
    if (rand() < 0.15) yield { ...base, id: `e${seq++}`, type: 'like', timestamp: at(3) };
    if (rand() < 0.03) yield { ...base, id: `e${seq++}`, type: 'share', timestamp: at(4) };
    if (rand() < 0.01)
      yield { ...base, id: `e${seq++}`, type: 'follow', creatorId: creatorOf.get(itemId)!, timestamp: at(5) };
  }
}

/** A served item with the number of features a feed scores candidates on (rank/*.ts, core/feed.ts). */
function servedItem(itemId: string): ServedItem {
  const features: Record<string, number> = {};
  FEATURE_NAMES.forEach((name, i) => (features[name] = (i + 1) / 7));
  return { itemId, position: 0, source: 'trending', score: 1.5, features };
}
const FEATURE_NAMES = [
  'duration_s',
  'age_hours',
  'freshness',
  'trending',
  'velocity',
  'watch_ratio_1h',
  'watch_ratio_24h',
  'watch_ratio_7d',
  'completion_7d',
  'like_rate_7d',
  'skip_rate_24h',
  'skip_rate_7d',
  'recall_rrf',
  'user_activity',
  'user_topic_affinity',
  'user_creator_affinity',
  'ctx_hour=13',
  'ctx_day=Tue',
  'trending_score',
  'trending_rank',
  'model_score',
];

const dataDir = mkdtempSync(join(tmpdir(), 'foryou-bench-stream-'));
const copies: string[] = [];
try {
  const start = Date.now() - 3_600_000;
  const config = parseConfig({ dataDir });
  const { engine, itemIds, creatorOf } = engineWithCatalog(dataDir, nVideos, start);
  let batch: Event[] = [];
  let appended = 0;
  const t0 = performance.now();
  for (const e of syntheticEvents(itemIds, creatorOf, start)) {
    // What the feed logs when it serves: the joiner reads each sample's features from it.
    if (e.type === 'impression')
      engine.served.record(e.requestId!, e.userId, [servedItem(e.itemId!)], Date.parse(e.timestamp) - 1);
    batch.push(e);
    if (batch.length === 1000) {
      appended += engine.log.append(batch, Date.now()).accepted;
      batch = [];
    }
  }
  if (batch.length > 0) appended += engine.log.append(batch, Date.now()).accepted;
  engine.served.flush();
  const appendSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(`appended ${appended} events in ${appendSeconds.toFixed(1)} s (untimed setup)\n`);
  engine.close();

  // Each processor alone, on its own copy of the data directory, then all together.
  const perProcessor: Record<string, number> = {};
  const probe = new Engine(config, { startProcessors: false });
  const names = probe.runner.processors.map((p) => p.group);
  probe.close();
  /** Events per second through the processors (`only` one, or all), and the joiner's counters after. */
  const run = (only: string | null): { eventsPerSecond: number; joiner: JoinerCounters } => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-stream-copy-'));
    copies.push(dir);
    cpSync(dataDir, dir, { recursive: true });
    const e = new Engine(parseConfig({ dataDir: dir }), { startProcessors: false });
    e.maintain();
    // As in a serving engine: WAL checkpoints on a worker thread, not inside the processors' commits.
    const checkpointer = new Checkpointer(e.db, 1000);
    const processors = e.runner.processors.filter((p) => only === null || p.group === only);
    const runner = new StreamRunner(e.db, e.log, processors, { batchSize: 4000 });
    const t = performance.now();
    const n = runner.drain();
    if (process.env.FORYOU_BENCH_MARK) console.log('drained', performance.now() - t);
    const seconds = (performance.now() - t) / 1000;
    const joiner = e.joiner.counters();
    checkpointer.stop();
    e.close();
    // drain counts a record once per processor that took it.
    if (n !== appended * processors.length)
      throw new Error(`processed ${n} of ${appended} x ${processors.length}`);
    return { eventsPerSecond: Math.round(appended / seconds), joiner };
  };
  for (const name of values['all-only'] ? [] : names) {
    perProcessor[name] = run(name).eventsPerSecond;
    process.stdout.write(`  ${name}: ${perProcessor[name]} events/s alone\n`);
  }
  const { eventsPerSecond: all, joiner } = run(null);
  process.stdout.write(`all processors together: ${all} events/s\n`);
  process.stdout.write(`joiner: ${joiner.closed} samples written\n`);
  // Every impression was served: a sample dropped as unserved would be work left out of the figure.
  if (joiner.unserved > 0) throw new Error(`${joiner.unserved} samples had no served row`);
  record('stream', {
    command: `npm run bench:stream -- --events ${nEvents} --users ${nUsers} --videos ${nVideos}`,
    target: '>= 50,000 events/s through all processors, embedded',
    events: appended,
    eventsPerSecond: all,
    perProcessor,
    samplesWritten: joiner.closed,
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
}
