// bench/recall: the whole recall stage (every candidate source at once, as the feed runs them)
// at 100,000 videos, in process, after a history with session structure so that co-engagement,
// embedding and content recall all have real work. Target: p99 < 5 ms for ~1,000 candidates.
// Usage: npx tsx bench/recall/run.ts [--videos 100000 --users 5000 --events 200000 --requests 2000]
//   [--profile file.cpuprofile: a CPU profile of the timed requests alone]
//   [--disable embedding,content: switch sources off, e.g. to time the stage without the searches]
//   [--idle-collection off: leave every young-generation collection to V8, not between requests]
// Besides the stage's latency it reports the garbage collector's pauses during the timed requests,
// the stage's latency over the requests no pause fell into, and then each source alone (one after
// another, as a separate pass): its time and the bytes it allocates per call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Candidate, FeedQuery, PipelineObserver } from '../../src/core/index.js';
import { IdleCollector } from '../../src/server/index.js';
import { GcPauses } from '../gc-pauses.js';
import { latencySummary, onOff, profiled, record } from '../lib.js';
import { benchEngine } from './world.js';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '100000' },
    users: { type: 'string', default: '5000' },
    events: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '2000' },
    profile: { type: 'string' },
    disable: { type: 'string', default: '' },
    // on (the server's default, server.idleCollection): the young generation is collected between
    // requests when it is half full, as a server does while no request is in flight
    'idle-collection': { type: 'string', default: 'on' },
  },
});
const videos = Number(values.videos);
const users = Number(values.users);
const eventCount = Number(values.events);
const requests = Number(values.requests);
const disabled = values.disable.split(',').filter((name) => name !== '');
const idleCollection = values['idle-collection'];
const idleCollector = onOff('idle-collection', idleCollection) ? new IdleCollector() : null;

const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-recall-'));
const stageMs: number[] = [];
const sourceMs = new Map<string, number[]>();
const sourceCount = new Map<string, number>();
const outcomes = new Map<string, number>();
// Quotas summing to 1,000 (bench/recall/world.ts).
const now = Date.now();
const observer: PipelineObserver = {
  source(name, outcome, candidates, ms) {
    let times = sourceMs.get(name);
    if (!times) sourceMs.set(name, (times = []));
    times.push(ms);
    sourceCount.set(name, (sourceCount.get(name) ?? 0) + candidates);
    if (outcome !== 'ok') outcomes.set(`${name} ${outcome}`, (outcomes.get(`${name} ${outcome}`) ?? 0) + 1);
  },
};
const { engine } = await benchEngine({
  dataDir: dir,
  videos,
  users,
  events: eventCount,
  now,
  observer,
  disabled,
});
// The pipeline's own recall stage (private: the feed runs it between query and feature hydration).
const recallStage = (query: FeedQuery): Promise<Candidate[]> => engine.pipeline['recall'](query);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const hydrated = async (i: number): Promise<FeedQuery> => {
  const query: FeedQuery = {
    request: { requestId: `r${i}`, userId: `u${(i * 7919) % users}`, n: 10, now },
    user: null,
    profile: null,
    exclude: new Set<string>(),
  };
  for (const h of engine.pipeline.config.queryHydrators) await h.hydrate(query);
  return query;
};
try {
  const candidates: number[] = [];
  const spans: [number, number][] = [];
  const gc = new GcPauses();
  await profiled(values.profile, async () => {
    for (let i = 0; i < requests; i++) {
      const query = await hydrated(i);
      // As the feed runs it: every source at once, those that search on worker threads started
      // first, then the merge. Each source's time is until its answer.
      const t = performance.now();
      idleCollector?.requestStarted();
      const merged = await recallStage(query);
      const end = performance.now();
      idleCollector?.requestEnded();
      stageMs.push(end - t);
      spans.push([t, end]);
      candidates.push(merged.length);
      // Untimed: the event loop's turn between two requests, where a server's idle work runs (and
      // the collector's entries are delivered).
      await nextTurn();
    }
  });
  await nextTurn(); // the last pauses' entries
  const untouched = stageMs.filter((_, i) => !gc.overlaps(...spans[i]!));
  const pauses = gc.stop();
  const noPause = untouched.length > 0 ? latencySummary(untouched) : null;
  const gcReport = {
    ...pauses,
    requestsWithAPause: stageMs.length - untouched.length,
    idleCollections: idleCollector?.stats ?? null,
    latencyWithoutPauseMs: noPause && { p50: noPause.p50, p90: noPause.p90, p99: noPause.p99 },
  };
  const alone = await eachSourceAlone(Math.min(requests, 500));
  const perSource: Record<string, unknown> = {};
  for (const [name, times] of sourceMs) {
    const { p50, p99 } = latencySummary(times);
    perSource[name] = {
      meanCandidates: Math.round((sourceCount.get(name) ?? 0) / requests),
      p50Ms: p50,
      p99Ms: p99,
    };
  }
  const meanCandidates = candidates.reduce((a, b) => a + b, 0) / candidates.length;
  const { p50, p90, p99, max } = latencySummary(stageMs);
  const latency = { p50, p90, p99, max };
  process.stdout.write(`${JSON.stringify(perSource)}\n`);
  if (outcomes.size > 0) process.stdout.write(`not ok: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
  process.stdout.write(`gc during the timed requests: ${JSON.stringify(gcReport)}\n`);
  process.stdout.write(`each source alone: ${JSON.stringify(alone)}\n`);
  process.stdout.write(
    `recall stage, ${engine.pipeline.config.sources.length} sources, ${videos} videos: ` +
      `${Math.round(meanCandidates)} distinct candidates per request; ` +
      `p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms\n`,
  );
  record('recall', {
    command: `npx tsx bench/recall/run.ts --videos ${videos} --users ${users} --events ${eventCount} --requests ${requests} --idle-collection ${idleCollection}${disabled.length > 0 ? ` --disable ${disabled.join(',')}` : ''}`,
    target: 'p99 < 5 ms for 1,000 candidates at 100,000 videos',
    videos,
    users,
    historyEvents: eventCount,
    requests,
    meanCandidates: Math.round(meanCandidates),
    latencyMs: latency,
    perSource,
    sourcesNotOk: Object.fromEntries(outcomes),
    gc: gcReport,
    eachSourceAlone: alone,
  });
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Each source on its own, one call at a time over `count` users: its time (the vector sources'
 * until their answer) and the heap it allocates per call (the median of heapUsed after less before,
 * over the calls no collection fell into).
 */
async function eachSourceAlone(
  count: number,
): Promise<Record<string, { p50Ms: number; p99Ms: number; kbAllocated: number }>> {
  const out: Record<string, { p50Ms: number; p99Ms: number; kbAllocated: number }> = {};
  const queries: FeedQuery[] = [];
  for (let i = 0; i < count; i++) queries.push(await hydrated(i));
  for (const source of engine.pipeline.config.sources) {
    const times: number[] = [];
    const bytes: number[] = [];
    const gc = new GcPauses();
    const spans: [number, number][] = [];
    for (const query of queries) {
      const before = process.memoryUsage().heapUsed;
      const t = performance.now();
      await source.fetch(query, source.quota);
      const end = performance.now();
      bytes.push(process.memoryUsage().heapUsed - before);
      times.push(end - t);
      spans.push([t, end]);
      if (spans.length % 50 === 0) await nextTurn();
    }
    await nextTurn();
    const clean = bytes.filter((b, i) => b >= 0 && !gc.overlaps(...spans[i]!)).sort((a, b) => a - b);
    gc.stop();
    const { p50, p99 } = latencySummary(times);
    out[source.name] = {
      p50Ms: p50,
      p99Ms: p99,
      kbAllocated: clean.length > 0 ? Math.round(clean[clean.length >> 1]! / 102.4) / 10 : NaN,
    };
  }
  return out;
}
