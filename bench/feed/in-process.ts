// bench/feed/in-process.ts: the whole feed (query hydration, seven sources with quotas summing to
// 1,000, filters, feature hydration, the blend and the learned multi-task ranker, re-rank) at
// 100,000 videos, in process, one request at a time, with the time of each stage. The ranker is
// real: feeds are served, their impressions posted with the request id (the first item watched to
// the end, the rest skipped or half watched), the joiner closes the samples, and the learner
// publishes a version that the timed feeds are scored by.
// Usage: npm run bench:feed-in-process [-- --videos 100000 --users 5000 --events 200000 --train-feeds 600 --requests 2000]
//   [--profile file.cpuprofile: a CPU profile of the timed feeds alone]
//   [--heap-profile file.heapprofile: where the timed feeds allocate, collected objects included]
//   [--idle-collection off: leave every young-generation collection to V8, not between feeds]
// Besides the latencies it reports the collector's pauses during the timed feeds, the feeds no
// pause fell into, and the heap a feed allocates (the median over those feeds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Event } from '../../src/core/index.js';
import { IdleCollector } from '../../src/server/index.js';
import { GcPauses } from '../gc-pauses.js';
import { heapProfiled, latencySummary, onOff, profiled, record } from '../lib.js';
import { benchEngine } from '../recall/world.js';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '100000' },
    users: { type: 'string', default: '5000' },
    events: { type: 'string', default: '200000' },
    'train-feeds': { type: 'string', default: '600' },
    requests: { type: 'string', default: '2000' },
    profile: { type: 'string' },
    'heap-profile': { type: 'string' },
    // on (the server's default, server.idleCollection): the young generation is collected between
    // feeds when it is half full, as a server does while no request is in flight
    'idle-collection': { type: 'string', default: 'on' },
  },
});
const videos = Number(values.videos);
const users = Number(values.users);
const eventCount = Number(values.events);
const trainFeeds = Number(values['train-feeds']);
const requests = Number(values.requests);
const idleCollection = values['idle-collection'];
const idleCollector = onOff('idle-collection', idleCollection) ? new IdleCollector() : null;

const stageMs = new Map<string, number[]>();
let timing = false;
const observer = {
  stage(stage: string, ms: number) {
    if (!timing) return;
    let list = stageMs.get(stage);
    if (!list) stageMs.set(stage, (list = []));
    list.push(ms);
  },
};
const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-feed-'));
const now = Date.now();
const { engine } = await benchEngine({
  dataDir: dir,
  videos,
  users,
  events: eventCount,
  now,
  observer,
  // samples close as soon as the view has ended, so one drain closes them
  config: { joiner: { closeAfterViewMs: 0 } },
});
try {
  // Samples for the ranker: serve feeds and post what the user did with each item.
  let t0 = performance.now();
  let events: Event[] = [];
  for (let i = 0; i < trainFeeds; i++) {
    const userId = `u${(i * 104729) % users}`;
    const feed = await engine.feed({ requestId: `train${i}`, userId, n: 10, now });
    const timestamp = new Date(now).toISOString();
    feed.items.forEach((item, position) => {
      const base = { userId, itemId: item.itemId, requestId: feed.requestId, position, timestamp };
      const durationMs = item.item.durationMs;
      events.push({ ...base, id: `t${i}-${position}-i`, type: 'impression' });
      const r = (i * 31 + position * 17) % 10;
      if (r < 3)
        events.push({ ...base, id: `t${i}-${position}-w`, type: 'watch', watchMs: durationMs, durationMs });
      else if (r < 6)
        events.push({
          ...base,
          id: `t${i}-${position}-h`,
          type: 'watch',
          watchMs: durationMs / 2,
          durationMs,
        });
      else events.push({ ...base, id: `t${i}-${position}-s`, type: 'skip', watchMs: 400 });
    });
    if (events.length > 2000) {
      engine.served.flush();
      engine.ingestor.ingestEvents(events);
      events = [];
    }
  }
  engine.ingestor.ingestEvents(events);
  // the joiner pairs events with the served lists, which the side effect writes in batches
  engine.served.flush();
  engine.runner.drain();
  engine.runner.step();
  const learned = engine.learn(true);
  engine.ranker.maintain(Date.now(), true);
  if (!engine.ranker.current)
    throw new Error(`no ranker version is serving after learning ${learned.learned} samples`);
  process.stderr.write(
    `ranker v${engine.ranker.current.version} learned from ${learned.learned} samples: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  // Timed: the feeds of users after the warm-up, one at a time.
  t0 = performance.now();
  const totalMs: number[] = [];
  const spans: [number, number][] = [];
  const allocated: number[] = [];
  let scored = 0;
  const serve = async (i: number) => {
    const userId = `u${(i * 7919) % users}`;
    const heapBefore = process.memoryUsage().heapUsed;
    const t = performance.now();
    idleCollector?.requestStarted();
    const feed = await engine.feed({ requestId: `r${i}`, userId, n: 10, now });
    const end = performance.now();
    idleCollector?.requestEnded();
    if (timing) {
      totalMs.push(end - t);
      spans.push([t, end]);
      allocated.push(process.memoryUsage().heapUsed - heapBefore);
    }
    if (feed.items.length > 0 && feed.items[0]!.score !== 0) scored++;
    // The event loop's turn between two requests, where a server's idle work runs.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (let i = 0; i < 200; i++) await serve(i); // warm-up, untimed
  timing = true;
  const gc = new GcPauses();
  await profiled(values.profile, () =>
    heapProfiled(values['heap-profile'], async () => {
      for (let i = 200; i < requests + 200; i++) await serve(i);
    }),
  );
  await new Promise((resolve) => setImmediate(resolve)); // the last pauses' entries
  const paused = spans.map((span) => gc.overlaps(...span));
  const pauses = gc.stop();
  const unpaused = totalMs.filter((_, i) => !paused[i]);
  const kbPerFeed = allocated.filter((b, i) => b >= 0 && !paused[i]).sort((a, b) => a - b);
  const collector = {
    ...pauses,
    feedsWithAPause: paused.filter(Boolean).length,
    latencyWithoutPauseMs: unpaused.length > 0 ? latencySummary(unpaused) : null,
    kbAllocatedPerFeed: kbPerFeed.length > 0 ? Math.round(kbPerFeed[kbPerFeed.length >> 1]! / 1024) : null,
  };
  const stages: Record<string, ReturnType<typeof latencySummary>> = {};
  for (const [stage, times] of stageMs) stages[stage] = latencySummary(times);
  const total = latencySummary(totalMs);
  process.stdout.write(`${JSON.stringify(stages)}\n`);
  process.stdout.write(
    `feed in process, ${videos} videos, ranker v${engine.ranker.current.version}: ` +
      `p50 ${total.p50} ms, p90 ${total.p90} ms, p99 ${total.p99} ms (${scored} of ${totalMs.length + 200} scored)\n` +
      `collector: ${pauses.minor} minor (pause p50 ${pauses.minorPauseMs?.p50 ?? '-'} ms) and ${pauses.major} major ` +
      `collections, a pause in ${collector.feedsWithAPause} of ${totalMs.length} feeds; without them p50 ` +
      `${collector.latencyWithoutPauseMs?.p50 ?? '-'} ms, p99 ${collector.latencyWithoutPauseMs?.p99 ?? '-'} ms; ` +
      `~${collector.kbAllocatedPerFeed ?? '-'} KB allocated per feed` +
      (idleCollector ? `; ${idleCollector.stats.collections} collections between feeds\n` : '\n'),
  );
  record('feed-in-process', {
    command: `npx tsx bench/feed/in-process.ts --videos ${videos} --users ${users} --events ${eventCount} --train-feeds ${trainFeeds} --requests ${requests} --idle-collection ${idleCollection}`,
    target:
      'issue 6: feed p99 < 15 ms at 100,000 videos with 1,000 candidates scored (here: in process, one at a time)',
    videos,
    users,
    historyEvents: eventCount,
    rankerSamples: learned.learned,
    requests,
    latencyMs: total,
    stagesMs: stages,
    collector,
    idleCollections: idleCollector?.stats ?? null,
    wallSeconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
  });
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
