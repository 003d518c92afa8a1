// bench/recall: the whole recall stage (every candidate source in parallel, as the feed runs them)
// at 100,000 videos, in process, after a history with session structure so that co-engagement,
// embedding and content recall all have real work. Target: p99 < 5 ms for ~1,000 candidates.
// Usage: npx tsx bench/recall/run.ts [--videos 100000 --users 5000 --events 200000 --requests 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { latencySummary, record } from '../lib.js';
import { benchEngine } from './world.js';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '100000' },
    users: { type: 'string', default: '5000' },
    events: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '2000' },
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
// Quotas summing to 1,000 (bench/recall/world.ts).
const now = Date.now();
const { engine } = await benchEngine({ dataDir: dir, videos, users, events: eventCount, now });
try {
  const candidates: number[] = [];
  for (let i = 0; i < requests; i++) {
    const userId = `u${(i * 7919) % users}`;
    const query = {
      request: { requestId: `r${i}`, userId, n: 10, now },
      user: null,
      profile: null,
      exclude: new Set<string>(),
    };
    for (const h of engine.pipeline.config.queryHydrators) await h.hydrate(query);
    // The sources are synchronous, so the pipeline runs them one after another: the stage costs
    // the sum of their times, each of which is recorded.
    const t = performance.now();
    const lists = [];
    for (const source of engine.pipeline.config.sources) {
      const ts = performance.now();
      const list = await source.fetch(query, source.quota);
      lists.push(list);
      let times = sourceMs.get(source.name);
      if (!times) sourceMs.set(source.name, (times = []));
      times.push(performance.now() - ts);
      sourceCount.set(source.name, (sourceCount.get(source.name) ?? 0) + list.length);
    }
    stageMs.push(performance.now() - t);
    const ids = new Set<string>();
    for (const list of lists) for (const s of list) ids.add(s.entry.item.id);
    candidates.push(ids.size);
  }
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
  });
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
