import { mkdtempSync, rmSync } from 'node:fs';
import { readAll } from '../log/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileValidator, Event } from '../core/index.js';
import { WorkerIndex } from '../vector/index.js';
import { comparePolicies } from './compare.js';
import { formatReports } from './format.js';
import type { SimReport } from './metrics.js';
import { PopularPolicy, RandomPolicy } from './policies/baselines.js';
import { FeedPolicy } from './policies/feed.js';
import { oracleFactory, runSimulation } from './runner.js';
import { generateWorld } from './world.js';

const world = generateWorld({ seed: 21, videos: 2000, creators: 120, futureHours: 24 });
const base = { world, users: 60, sessionsPerUser: 3, seed: 21 };
const strip = ({ wallMs: _w, ...rest }: SimReport) => rest;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('runSimulation', () => {
  it('gives identical reports for a seed, whatever the wall clock, and others for another seed', async () => {
    const a = await runSimulation({
      ...base,
      policy: new PopularPolicy(world, 21),
      referenceWatchRatio: 0.7,
    });
    const b = await runSimulation({
      ...base,
      policy: new PopularPolicy(world, 21),
      referenceWatchRatio: 0.7,
    });
    expect(strip(b)).toEqual(strip(a));
    const c = await runSimulation({
      ...base,
      seed: 22,
      policy: new PopularPolicy(world, 22),
      referenceWatchRatio: 0.7,
    });
    expect(strip(c)).not.toEqual(strip(a));
    expect(a.sessions).toBe(180);
    expect(a.users).toBe(60);
  });

  it('separates random < popular < oracle on every headline figure', async () => {
    const oracle = await runSimulation({ ...base, policy: oracleFactory });
    const ref = oracle.watchRatio;
    const random = await runSimulation({
      ...base,
      policy: new RandomPolicy(world, 21),
      referenceWatchRatio: ref,
    });
    const popular = await runSimulation({
      ...base,
      policy: new PopularPolicy(world, 21),
      referenceWatchRatio: ref,
    });
    expect(popular.watchTimePerSession).toBeGreaterThan(1.15 * random.watchTimePerSession);
    expect(oracle.watchTimePerSession).toBeGreaterThan(2.5 * popular.watchTimePerSession);
    for (const key of ['watchRatio', 'completionRate', 'likeRate', 'personalisedShare'] as const) {
      expect(random[key]).toBeLessThan(popular[key]);
      expect(popular[key]).toBeLessThan(oracle[key]);
    }
    for (const key of ['quickSkipRate', 'timeToPersonalise'] as const) {
      expect(random[key]).toBeGreaterThan(popular[key]);
      expect(popular[key]).toBeGreaterThan(oracle[key]);
    }
    // Popularity concentrates exposure; random spreads it most.
    expect(random.coverage).toBeGreaterThan(popular.coverage);
    expect(random.creatorGini).toBeLessThan(popular.creatorGini);
  });

  it('drives the real feed pipeline in process with valid client events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-sim-test-'));
    dirs.push(dir);
    const feed = new FeedPolicy({ dataDir: dir });
    try {
      const report = await runSimulation({
        ...base,
        users: 20,
        sessionsPerUser: 2,
        policy: feed,
        referenceWatchRatio: 0.7,
      });
      expect(report.policy).toBe('feed');
      expect(report.sessions).toBe(40);
      expect(report.emptyPages).toBe(0);
      const records = readAll(feed.engine.log);
      expect(records.length).toBeGreaterThan(report.impressions * 2 - 1);
      const check = compileValidator(Event);
      expect(records.every((r) => check.check(r.event))).toBe(true);
      expect(records.filter((r) => r.event.type === 'impression')).toHaveLength(report.impressions);
      // Every processor caught up, and the feed never served a video twice to one user.
      expect(feed.engine.runner.lag().every((l) => l.lag === 0)).toBe(true);
      const pairs = records
        .filter((r) => r.event.type === 'impression')
        .map((r) => `${r.event.userId} ${r.event.itemId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
    } finally {
      feed.close();
    }
  });

  it('replays the in-process feed exactly for a seed', async () => {
    const run = async (): Promise<SimReport> => {
      const dir = mkdtempSync(join(tmpdir(), 'foryou-sim-test-'));
      dirs.push(dir);
      const feed = new FeedPolicy({ dataDir: dir });
      try {
        return await runSimulation({
          ...base,
          users: 15,
          sessionsPerUser: 2,
          policy: feed,
          referenceWatchRatio: 0.7,
        });
      } finally {
        feed.close();
      }
    };
    expect(strip(await run())).toEqual(strip(await run()));
  });

  it('serves content recall in process when its index is built on a worker, the same each run', async () => {
    // Past the exact-scan size (10,000 at 64 dimensions): HNSW on a worker thread, which the
    // simulation waits for, as it waits for every later build.
    const big = generateWorld({ seed: 23, videos: 10_500, creators: 300, futureHours: 0 });
    const run = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'foryou-sim-test-'));
      dirs.push(dir);
      const feed = new FeedPolicy({ dataDir: dir });
      try {
        const report = await runSimulation({
          world: big,
          users: 12,
          sessionsPerUser: 2,
          seed: 23,
          policy: feed,
          referenceWatchRatio: 0.7,
        });
        expect(feed.engine.spaces.content?.index).toBeInstanceOf(WorkerIndex);
        feed.engine.served.flush();
        const rows = feed.engine.db.prepare('SELECT items FROM served').all() as { items: string }[];
        const sources = rows.flatMap((r) =>
          (JSON.parse(r.items) as { source: string }[]).map((i) => i.source),
        );
        return { report: strip(report), content: sources.filter((s) => s === 'content').length };
      } finally {
        feed.close();
      }
    };
    const first = await run();
    expect(first.content).toBeGreaterThan(0);
    expect(await run()).toEqual(first);
  }, 120_000);

  it('compares policies with the oracle as reference and prints a table', async () => {
    const reports = await comparePolicies({ ...base, users: 20, policies: ['random', 'oracle'] });
    expect(reports.map((r) => r.policy)).toEqual(['random', 'oracle']);
    const table = formatReports(reports);
    expect(table).toContain('watch time / session (s)');
    expect(table.split('\n')[0]).toMatch(/random\s+oracle/);
  });
});
