// The built `foryou` command as a user runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetPath } from '../src/eval/testing.js';
import { CLI, startCli, waitExit } from './spawn.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'foryou-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('foryou', () => {
  it('lists its commands', async () => {
    const { stdout } = await run(process.execPath, [CLI, '--help']);
    for (const command of [
      'serve',
      'demo',
      'import',
      'eval',
      'dataset',
      'sim',
      'train',
      'learn',
      'warehouse',
    ])
      expect(stdout).toContain(command);
  });

  it('eval: ranks the baselines on MovieLens 100K by the Microsoft protocol', async () => {
    const ml = datasetPath('ml-100k');
    const { stdout } = await run(process.execPath, [
      CLI,
      'eval',
      '--data',
      ml,
      '--protocol',
      'msr',
      '--models',
      'random,most-popular,item-knn',
      '--json',
    ]);
    const report = JSON.parse(stdout) as {
      split: { train: number; test: number };
      results: { model: string; ndcg: number }[];
    };
    expect(report.split.train + report.split.test).toBe(100_000);
    const ndcg = Object.fromEntries(report.results.map((r) => [r.model, r.ndcg]));
    expect(ndcg.random).toBeLessThan(0.05);
    expect(ndcg['most-popular']).toBeGreaterThan(0.2);
    expect(ndcg['item-knn']).toBeGreaterThan(0.36); // published SAR: 0.3825
    const missing = await run(process.execPath, [
      CLI,
      'eval',
      '--data',
      join(dir, 'nope'),
      '--protocol',
      'msr',
    ]).catch((e: { stderr: string; code: number }) => e);
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('nope: file or directory not found'),
    });
  }, 60_000);

  it('demo: creates the synthetic world, serves a feed with simulated users about, stops on SIGTERM', async () => {
    const dataDir = join(dir, 'demo');
    const demo = await startCli([
      'demo',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--videos',
      '2000',
      '--creators',
      '100',
      '--users',
      '3',
    ]);
    try {
      expect(demo.output()).toContain('OPEN');
      const feed = (await (await fetch(`${demo.url}/v1/feed?user=newcomer&n=10`)).json()) as {
        items: { item: { caption: string; hashtags: string[] } }[];
      };
      expect(feed.items).toHaveLength(10);
      expect(feed.items[0]!.item.hashtags.length).toBeGreaterThan(0);
      // The background users watch: the log grows without us sending anything.
      const offset = async () =>
        ((await (await fetch(`${demo.url}/v1/admin/log`)).json()) as { events: number }).events;
      const deadline = Date.now() + 15_000;
      while ((await offset()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await offset()).toBeGreaterThan(0);
    } finally {
      demo.proc.kill('SIGTERM');
      await waitExit(demo.proc);
    }
    expect(demo.proc.exitCode).toBe(0);
  }, 60_000);

  it('serve: refuses an invalid configuration, naming the field', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ server: { port: 'eighty' } }));
    await expect(run(process.execPath, [CLI, 'serve', '--config', config])).rejects.toMatchObject({
      stderr: expect.stringContaining('server.port'),
    });
  });

  it('import: loads a file into the data directory that serve then reads', async () => {
    const dataDir = join(dir, 'import');
    const file = join(dir, 'items.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', creatorId: 'c', durationMs: 1000, createdAt: '2026-01-01T00:00:00Z' }),
        JSON.stringify({ id: 'b', creatorId: 'c', durationMs: 'long', createdAt: '2026-01-01T00:00:00Z' }),
      ].join('\n'),
    );
    const failed = await run(process.execPath, [CLI, 'import', 'items', file, '--data-dir', dataDir]).catch(
      (e: { stdout: string; code: number }) => e,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stdout: string }).stdout).toContain('2 rows read, 1 imported, 1 rejected');
    expect((failed as { stdout: string }).stdout).toContain('line 2: durationMs: Expected integer');
    const server = await startCli(['serve', '--port', '0', '--data-dir', dataDir]);
    try {
      expect((await fetch(`${server.url}/v1/items/a`)).status).toBe(200);
    } finally {
      server.proc.kill('SIGTERM');
      await waitExit(server.proc);
    }
  }, 30_000);

  it('train: registers an embedding model from the event log, which serve then loads', async () => {
    const dataDir = join(dir, 'train');
    const nothing = await run(process.execPath, [CLI, 'train', '--data-dir', dataDir]);
    expect(nothing.stdout).toContain('nothing to train');
    const at = (k: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + k * 1000).toISOString();
    const events = join(dir, 'events.jsonl');
    const lines: string[] = [];
    for (let u = 0; u < 5; u++)
      for (let i = 0; i < 6; i++)
        lines.push(
          JSON.stringify({
            id: `${u}-${i}`,
            type: 'like',
            userId: `u${u}`,
            itemId: `v${(u + i) % 8}`,
            timestamp: at(i),
          }),
        );
    writeFileSync(events, lines.join('\n'));
    await run(process.execPath, [CLI, 'import', 'events', events, '--data-dir', dataDir]);
    const trained = await run(process.execPath, [CLI, 'train', '--data-dir', dataDir]);
    expect(trained.stdout).toMatch(/trained ials v1 on 30 interactions \(5 users, 8 videos\)/);
    const again = await run(process.execPath, [CLI, 'train', '--data-dir', dataDir]);
    expect(again.stdout).toContain('trained ials v2');
  }, 30_000);

  it('learn --follow-parent: a learner whose server is gone by the time it starts exits at once', async () => {
    // The named parent is not this child's parent (as for a server killed while its learner was
    // starting, whose learner is re-parented before it first looks): it must not run on as an orphan.
    const t0 = Date.now();
    const { stdout } = await run(process.execPath, [
      CLI,
      'learn',
      '--follow-parent',
      String(process.pid + 1_000_000),
      '--data-dir',
      join(dir, 'orphan'),
    ]);
    expect(stdout).toMatch(/learned 0 samples/);
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 30_000);

  it('serve: learns the ranking model in a child process from what users do, and serves each new version', async () => {
    const dataDir = join(dir, 'learn');
    const config = join(dir, 'learn.json');
    writeFileSync(
      config,
      JSON.stringify({ joiner: { closeAfterViewMs: 0 }, learner: { publishEveryMs: 300 } }),
    );
    const server = await startCli(['serve', '--port', '0', '--data-dir', dataDir, '--config', config]);
    const post = (path: string, body: unknown) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const rankerServing = async () => {
      const { models } = (await (await fetch(`${server.url}/v1/admin/models`)).json()) as {
        models: {
          name: string;
          serving: number | null;
          versions: { version: number; dataSummary: { samples?: number } }[];
        }[];
      };
      return models.find((m) => m.name === 'ranker')!;
    };
    try {
      const items = Array.from({ length: 20 }, (_, i) => ({
        id: `v${i}`,
        creatorId: `c${i % 4}`,
        durationMs: 10_000,
        createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      }));
      expect((await post('/v1/items', { items })).status).toBe(200);
      expect((await rankerServing()).serving).toBeNull();
      await new Promise((r) => setTimeout(r, 1500)); // the catalog refresh
      for (let u = 0; u < 3; u++) {
        const feed = (await (await fetch(`${server.url}/v1/feed?user=u${u}&n=5`)).json()) as {
          requestId: string;
          items: { itemId: string }[];
        };
        expect(feed.items.length).toBeGreaterThan(0);
        await new Promise((r) => setTimeout(r, 200)); // the served log is written every 100 ms
        const base = { userId: `u${u}`, requestId: feed.requestId, timestamp: new Date().toISOString() };
        const events = feed.items.flatMap((item, position) => [
          { ...base, id: `${u}i${position}`, type: 'impression', itemId: item.itemId, position },
          {
            ...base,
            id: `${u}w${position}`,
            type: 'watch',
            itemId: item.itemId,
            position,
            watchMs: 2000 * position,
          },
        ]);
        expect((await post('/v1/events', { events })).status).toBe(200);
      }
      const deadline = Date.now() + 20_000;
      let ranker = await rankerServing();
      while ((ranker.versions[0]?.dataSummary.samples ?? 0) < 10 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        ranker = await rankerServing();
      }
      expect(ranker.versions[0]!.dataSummary.samples).toBeGreaterThanOrEqual(10);
      while (ranker.serving !== ranker.versions[0]!.version && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        ranker = await rankerServing();
      }
      expect(ranker.serving).toBe(ranker.versions[0]!.version);
    } finally {
      server.proc.kill('SIGTERM');
      await waitExit(server.proc);
    }
    expect(server.proc.exitCode).toBe(0);
  }, 40_000);
});
