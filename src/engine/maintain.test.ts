// A serving engine's maintenance: what it rebuilds off the request path, and in slices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Item } from '../core/index.js';
import { Engine } from './engine.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let now = T0;
let dir = '';
let engine: Engine;

const item = (i: number): Item => ({
  id: `v${i}`,
  creatorId: `c${i % 3}`,
  caption: `video ${i} #cats`,
  hashtags: ['cats'],
  durationMs: 10_000,
  createdAt: new Date(T0 - 3_600_000).toISOString(),
});

beforeEach(() => {
  now = T0;
  dir = mkdtempSync(join(tmpdir(), 'foryou-maintain-'));
  // startProcessors defaults to true: a serving engine, with its maintenance
  engine = new Engine(parseConfig({ dataDir: dir, store: { synchronous: 'normal' } }), {
    clock: { now: () => now },
  });
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('a serving engine', () => {
  it('rebuilds the traffic pools in its maintenance, never in a feed request', async () => {
    const pools = engine.trafficPools!;
    expect(pools.builtAt).toBe(T0); // built before the first request
    engine.ingestor.upsertItems(Array.from({ length: 5 }, (_, i) => item(i)));
    now = T0 + 60_000; // stale twice over: the catalog changed and the period passed
    await engine.feed({ requestId: 'r1', userId: 'u1', n: 3, now });
    expect(pools.builtAt).toBe(T0);
    engine.maintain({ serving: true });
    expect(pools.builtAt).toBe(now);
    expect(
      pools
        .columns()
        .entry.map((e) => e.item.id)
        .sort(),
    ).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });

  it('rebuilds the quality pools between turns of the event loop while serving', async () => {
    engine.ingestor.upsertItems(Array.from({ length: 5 }, (_, i) => item(i)));
    now = T0 + 120_000;
    engine.maintain({ serving: true });
    expect(engine.qualityPools.builtAt).toBe(T0); // the old pools still serve
    for (let i = 0; i < 5 && engine.qualityPools.builtAt !== now; i++) await turn();
    expect(engine.qualityPools.builtAt).toBe(now);
    expect(engine.qualityPools.pool('*', '*')).toHaveLength(5);

    engine.ingestor.upsertItems([item(5)]);
    now += 120_000;
    engine.maintain(); // not serving: up to date when it returns
    expect(engine.qualityPools.builtAt).toBe(now);
    expect(engine.qualityPools.pool('*', '*')).toHaveLength(6);
  });
});
