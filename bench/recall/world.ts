// The engine the in-process benchmarks measure (bench/recall, bench/feed/in-process.ts): a catalog
// of `videos` and a history with session structure (each user favours two topics; within a session
// they watch videos of one topic, popular ones more often, finishing some and liking a few), so
// co-engagement, embedding and content recall all have real work; iALS trained and both vector
// indexes serving.
import { parseConfig, Rng, type Event, type PipelineObserver } from '../../src/core/index.js';
import { Engine } from '../../src/engine/index.js';
import { generateWorld } from '../../src/sim/index.js';

/** Quotas summing to 1,000, in the defaults' proportions. */
export const QUOTAS_1000 = {
  trending: 150,
  quality: 150,
  fresh: 100,
  coEngagement: 200,
  embedding: 200,
  content: 150,
  following: 50,
};

export interface BenchWorldOptions {
  dataDir: string;
  videos: number;
  users: number;
  events: number;
  now: number;
  /** Extra configuration merged over the benchmark's (e.g. the joiner's window). */
  config?: Record<string, unknown>;
  observer?: PipelineObserver;
  /** Candidate sources to switch off (e.g. to time the stage without the vector searches). */
  disabled?: readonly string[];
}

const step = (label: string, t0: number) =>
  process.stderr.write(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

export async function benchEngine(o: BenchWorldOptions): Promise<{ engine: Engine; itemIds: string[] }> {
  // A misspelt name would time the whole stage under the wrong label.
  const unknown = o.disabled?.filter((name) => !(name in QUOTAS_1000)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `--disable: no source named ${unknown.join(', ')} (sources: ${Object.keys(QUOTAS_1000).join(', ')})`,
    );
  const config = parseConfig({
    dataDir: o.dataDir,
    store: { synchronous: 'normal' },
    feed: {
      sources: Object.fromEntries(
        Object.entries(QUOTAS_1000).map(([name, quota]) => [
          name,
          { quota, ...(o.disabled?.includes(name) ? { enabled: false } : {}) },
        ]),
      ),
    },
    ...o.config,
  });
  const engine = new Engine(config, {
    startProcessors: false,
    ...(o.observer ? { observer: o.observer } : {}),
  });
  let t0 = performance.now();
  const world = generateWorld({
    seed: 7,
    videos: o.videos,
    creators: Math.max(1, Math.round(o.videos / 20)),
    now: o.now,
  });
  engine.ingestor.upsertCreators(world.creators);
  for (let i = 0; i < world.items.length; i += 5000)
    engine.ingestor.upsertItems(world.items.slice(i, i + 5000));
  step(`catalog of ${world.items.length} videos`, t0);

  t0 = performance.now();
  const byTopic = new Map<string, string[]>();
  for (const item of world.items) {
    const topic = item.topics?.[0] ?? 'none';
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push(item.id);
  }
  const topics = [...byTopic.keys()];
  const duration = new Map(world.items.map((i) => [i.id, i.durationMs]));
  const rng = new Rng(11);
  const favourite = Array.from({ length: o.users }, () => [rng.int(topics.length), rng.int(topics.length)]);
  let batch: Event[] = [];
  for (let e = 0; e < o.events;) {
    const u = rng.int(o.users);
    const topic = topics[favourite[u]![rng.int(2)]!]!;
    const pool = byTopic.get(topic)!;
    let t = o.now - rng.int(7 * 86_400_000);
    for (let k = 0; k < 20 && e < o.events; k++, e++) {
      const itemId = pool[Math.floor(Math.pow(rng.next(), 3) * pool.length)]!;
      const durationMs = duration.get(itemId)!;
      const watchMs = Math.floor(rng.next() * 1.3 * durationMs);
      t += watchMs + 500;
      const base = { userId: `u${u}`, itemId, timestamp: new Date(t).toISOString() };
      batch.push({ id: `w${e}`, type: 'watch', watchMs, durationMs, ...base });
      if (rng.next() < 0.1) batch.push({ id: `l${e}`, type: 'like', ...base });
      if (batch.length >= 5000) {
        engine.ingestor.ingestEvents(batch);
        batch = [];
      }
    }
  }
  engine.ingestor.ingestEvents(batch);
  engine.runner.drain();
  step(`${o.events} history events ingested and processed`, t0);

  t0 = performance.now();
  const trained = engine.train();
  step(`iALS trained on ${trained.interactions} interactions and loaded`, t0);
  // Large indexes build on worker threads (src/vector/build.ts): wait until both are serving.
  t0 = performance.now();
  engine.maintain();
  while (engine.spaces.building || !engine.spaces.content || !engine.spaces.collaborative) {
    await new Promise((r) => setTimeout(r, 200));
    engine.maintain();
  }
  step('content vectors, vector indexes and quality pools', t0);
  return { engine, itemIds: world.items.map((i) => i.id) };
}
