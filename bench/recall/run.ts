// bench/recall: the whole recall stage (every candidate source at once, as the feed runs them)
// at 100,000 videos, in process, after a history with session structure so that co-engagement,
// embedding and content recall all have real work. Target: p99 < 5 ms for ~1,000 candidates.
// Usage: npx tsx bench/recall/run.ts [--videos 100000 --users 5000 --events 200000 --requests 2000]
//   [--profile file.cpuprofile: a CPU profile of the timed requests alone]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Candidate, FeedQuery, PipelineObserver } from '../../src/core/index.js';
import { latencySummary, profiled, record } from '../lib.js';
import { benchEngine } from './world.js';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '100000' },
    users: { type: 'string', default: '5000' },
    events: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '2000' },
    profile: { type: 'string' },
  },
});
const videos = Number(values.videos);
const users = Number(values.users);
const eventCount = Number(values.events);
const requests = Number(values.requests);

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
const { engine } = await benchEngine({ dataDir: dir, videos, users, events: eventCount, now, observer });
// The pipeline's own recall stage (private: the feed runs it between query and feature hydration).
const recallStage = (query: FeedQuery): Promise<Candidate[]> => engine.pipeline['recall'](query);
try {
  const candidates: number[] = [];
  await profiled(values.profile, async () => {
    for (let i = 0; i < requests; i++) {
      const userId = `u${(i * 7919) % users}`;
      const query: FeedQuery = {
        request: { requestId: `r${i}`, userId, n: 10, now },
        user: null,
        profile: null,
        exclude: new Set<string>(),
      };
      for (const h of engine.pipeline.config.queryHydrators) await h.hydrate(query);
      // As the feed runs it: every source at once, those that search on worker threads started
      // first, then the merge. Each source's time is until its answer.
      const t = performance.now();
      const merged = await recallStage(query);
      stageMs.push(performance.now() - t);
      candidates.push(merged.length);
    }
  });
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
  process.stdout.write(
    `recall stage, ${engine.pipeline.config.sources.length} sources, ${videos} videos: ` +
      `${Math.round(meanCandidates)} distinct candidates per request; ` +
      `p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms\n`,
  );
  record('recall', {
    command: `npx tsx bench/recall/run.ts --videos ${videos} --users ${users} --events ${eventCount} --requests ${requests}`,
    target: 'p99 < 5 ms for 1,000 candidates at 100,000 videos',
    videos,
    users,
    historyEvents: eventCount,
    requests,
    meanCandidates: Math.round(meanCandidates),
    latencyMs: latency,
    perSource,
    sourcesNotOk: Object.fromEntries(outcomes),
  });
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
