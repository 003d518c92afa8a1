import { mkdtempSync, rmSync } from 'node:fs';
import { readAll } from '../log/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/index.js';
import { Engine } from '../engine/index.js';
import { startBackgroundUsers } from './background.js';
import { generateWorld } from './world.js';

describe('startBackgroundUsers', () => {
  it('keeps a few users watching the live engine until stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-bg-test-'));
    const engine = new Engine(parseConfig({ dataDir: dir, store: { synchronous: 'normal' } }));
    try {
      const world = generateWorld({ seed: 41, videos: 500, creators: 30, now: Date.now() });
      engine.ingestor.upsertCreators(world.creators);
      engine.ingestor.upsertItems(world.items);
      const errors: unknown[] = [];
      const bg = startBackgroundUsers({
        engine,
        world,
        users: 3,
        seed: 41,
        swipeDelayMs: 5,
        onError: (e) => errors.push(e),
      });
      const deadline = Date.now() + 5000;
      while (engine.log.totalAppended() < 60 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await bg.stop();
      const after = engine.log.totalAppended();
      expect(errors).toEqual([]);
      expect(after).toBeGreaterThanOrEqual(60);
      const events = readAll(engine.log).map((r) => r.event);
      expect(new Set(events.map((e) => e.userId)).size).toBe(3);
      expect(events.every((e) => Date.parse(e.timestamp) <= Date.now())).toBe(true);
      // The running processors saw them: trending has scores, and nothing more arrives after stop.
      await new Promise((r) => setTimeout(r, 50));
      expect(engine.stats.top(5, Date.now()).length).toBeGreaterThan(0);
      expect(engine.log.totalAppended()).toBe(after);
    } finally {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
