// bench/feed/pipeline: the whole feed in process at 100,000 videos with ~1,000 candidates and a
// learned ranking model serving, stage by stage: what one request costs the serving thread before
// HTTP. The world is the recall benchmark's (bench/recall/setup.ts); then simulated users are
// served feeds and answer them (impressions and watches carrying the request ids), so the joiner
// writes samples and the learner publishes a ranker that the timed requests are scored with.
// Usage: npx tsx bench/feed/pipeline.ts [--videos 100000 --users 5000 --events 200000 --requests 1000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, Rng, type Event } from '../../src/core/index.js';
import { Engine } from '../../src/engine/index.js';
import { latencySummary, record } from '../lib.js';
import { THOUSAND_CANDIDATES, setupRecallWorld } from '../recall/setup.js';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '100000' },
    users: { type: 'string', default: '5000' },
    events: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '1000' },
    'training-feeds': { type: 'string', default: '2000' },
  },
});
const [videos, users, eventCount, requests, trainingFeeds] = [
  values.videos,
  values.users,
  values.events,
  values.requests,
  values['training-feeds'],
].map(Number) as [number, number, number, number, number];

const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-pipeline-'));
const stages = new Map<string, number[]>();
let timing = false;
const config = parseConfig({
  dataDir: dir,
  store: { synchronous: 'normal' },
  joiner: { closeAfterViewMs: 0 },
  feed: {
    sources: Object.fromEntries(
      Object.entries(THOUSAND_CANDIDATES).map(([name, quota]) => [name, { quota }]),
    ),
  },
});
const engine = new Engine(config, {
  startProcessors: false,
  observer: {
    stage: (stage, ms) => {
      if (!timing) return;
      let list = stages.get(stage);
      if (!list) stages.set(stage, (list = []));
      list.push(ms);
    },
  },
});
try {
  const now = Date.now();
  const world = await setupRecallWorld(engine, { videos, users, events: eventCount, now });
  const duration = new Map(world.items.map((i) => [i.id, i.durationMs]));

  // Feeds answered as a person would: watch a few, the rest skipped; the joiner turns them into samples.
  let t0 = performance.now();
  const rng = new Rng(5);
  for (let i = 0; i < trainingFeeds; i++) {
    const userId = `u${(i * 104_729) % users}`;
    const feed = await engine.feed({ requestId: `train-${i}`, userId, n: 10, now: Date.now() });
    engine.served.flush();
    const events: Event[] = [];
    feed.items.forEach((item, position) => {
      const base = {
        userId,
        itemId: item.itemId,
        requestId: feed.requestId,
        position,
        timestamp: new Date().toISOString(),
      };
      events.push({ id: `i-${i}-${position}`, type: 'impression', ...base });
      const durationMs = duration.get(item.itemId)!;
      const watchMs = Math.floor(rng.next() * rng.next() * 1.5 * durationMs);
      events.push({ id: `v-${i}-${position}`, type: 'watch', watchMs, durationMs, ...base });
    });
    engine.ingestor.ingestEvents(events);
    if (i % 100 === 99) engine.runner.drain();
  }
  engine.runner.drain();
  const learned = engine.learn(true);
  const ranker = engine.ranker.current;
  if (!ranker) throw new Error('no ranker version is serving after training');
  process.stderr.write(
    `ranker v${ranker.version} from ${learned.learned} samples: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  t0 = performance.now();
  const total: number[] = [];
  timing = true;
  for (let i = 0; i < requests; i++) {
    const userId = `u${(i * 7919) % users}`;
    const t = performance.now();
    const feed = await engine.feed({ requestId: `r${i}`, userId, n: 10, now: Date.now() });
    total.push(performance.now() - t);
    if (feed.items.length === 0) throw new Error(`empty feed for ${userId}`);
  }
  timing = false;
  const perStage: Record<string, { p50: number; p99: number }> = {};
  for (const [stage, ms] of stages) {
    const { p50, p99 } = latencySummary(ms);
    perStage[stage] = { p50, p99 };
  }
  const latency = latencySummary(total);
  process.stdout.write(`${JSON.stringify(perStage)}\n`);
  process.stdout.write(
    `feed in process, ${videos} videos, quotas summing to 1,000, ranker serving: ` +
      `p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms (${requests} requests)\n`,
  );
  record('feed-pipeline', {
    command: `npx tsx bench/feed/pipeline.ts --videos ${videos} --users ${users} --events ${eventCount} --requests ${requests}`,
    videos,
    users,
    historyEvents: eventCount,
    requests,
    rankerVersion: ranker.version,
    latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max },
    perStage,
  });
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
