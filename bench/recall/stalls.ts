// bench/recall/stalls: the serving thread's periodic work at 100,000 videos, each a stall for every
// request queued behind it: the traffic pools' rebuild (every rebuildEveryMs, 5 s by default, and
// after a catalog change), the catalog's newest-first list after an upload, the trending ranking
// after a batch of engagement, the quality pools' rebuild (every minute), and the log's retention
// (every second, as the engine calls it; here nothing is old enough to go). The recall benchmark
// holds its clock still, so it sees none.
// Usage: npx tsx bench/recall/stalls.ts [--videos 100000 --users 5000 --events 200000 --rounds 10]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CandidateSource } from '../../src/core/index.js';
import type { TrafficPools } from '../../src/rerank/index.js';
import { latencySummary, record } from '../lib.js';
import { benchEngine } from './world.js';

const { values } = parseArgs({
  options: {
    videos: { type: 'string', default: '100000' },
    users: { type: 'string', default: '5000' },
    events: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '10' },
  },
});
const videos = Number(values.videos);
const users = Number(values.users);
const eventCount = Number(values.events);
const rounds = Number(values.rounds);

const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-stalls-'));
const now = Date.now();
const { engine, itemIds } = await benchEngine({ dataDir: dir, videos, users, events: eventCount, now });
try {
  // The pipeline's own pools (private: its traffic-pool source holds them).
  const source = engine.pipeline.config.sources.find((s) => s.name === 'pool') as CandidateSource & {
    pools: TrafficPools;
  };
  const pools = source.pools;
  const timed = (work: () => unknown): number => {
    const t = performance.now();
    work();
    return performance.now() - t;
  };
  const rebuild: number[] = [];
  const newestAfterUpload: number[] = [];
  const rebuildAfterUpload: number[] = [];
  const trendingAfterBatch: number[] = [];
  const retention: number[] = [];
  const quality: number[] = [];
  engine.stats.ranking(now);
  for (let r = 0; r < rounds; r++) {
    rebuild.push(timed(() => pools.rebuild(now + r)));
    engine.ingestor.upsertItems([
      {
        id: `upload-${r}`,
        creatorId: 'bench-uploader',
        caption: 'a new upload',
        hashtags: [],
        durationMs: 15_000,
        createdAt: new Date(now).toISOString(),
      },
    ]);
    newestAfterUpload.push(timed(() => engine.catalog.newest()));
    rebuildAfterUpload.push(timed(() => pools.rebuild(now + r)));
    // A batch of engagement with 500 videos, as the item-engagement processor publishes one.
    engine.stats.stage(
      Array.from({ length: 500 }, (_, k) => ({
        itemId: itemIds[(r * 7919 + k * 104_729) % itemIds.length]!,
        weight: 1,
        ts: now,
        counts: { impressions: 1, plays: 1 },
      })),
    )();
    trendingAfterBatch.push(timed(() => engine.stats.ranking(now)));
    retention.push(timed(() => engine.log.retain(now - engine.config.log.retentionMs, 20_000)));
    quality.push(timed(() => engine.qualityPools.rebuild(now + r)));
  }
  const figures = {
    trafficPoolRebuildMs: latencySummary(rebuild),
    newestAfterUploadMs: latencySummary(newestAfterUpload),
    trafficPoolRebuildAfterUploadMs: latencySummary(rebuildAfterUpload),
    trendingRankingAfterBatchMs: latencySummary(trendingAfterBatch),
    logRetentionMs: latencySummary(retention),
    qualityPoolsRebuildMs: latencySummary(quality),
    owedVideos: pools.columns().owed.length,
  };
  for (const [name, f] of Object.entries(figures))
    process.stdout.write(`${name}: ${typeof f === 'number' ? f : `p50 ${f.p50} max ${f.max}`}\n`);
  record('stalls', {
    command: `npx tsx bench/recall/stalls.ts --videos ${videos} --users ${users} --events ${eventCount} --rounds ${rounds}`,
    videos,
    rounds,
    ...figures,
  });
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
