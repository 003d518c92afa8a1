import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import { datasetPath } from '../../eval/testing.js';
import { importFile, importMovieLens } from './import.js';

const dir = mkdtempSync(join(tmpdir(), 'foryou-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importFile', () => {
  it('imports the valid rows, skips and explains the bad ones by line, and counts duplicates', async () => {
    const engine = new Engine(parseConfig({ dataDir: join(dir, 'data') }), { startProcessors: false });
    try {
      const items = join(dir, 'items.csv');
      writeFileSync(
        items,
        'id,creatorId,caption,hashtags,durationMs,createdAt\n' +
          'v1,c1,hello,a|b,15000,2026-01-01T00:00:00Z\n' +
          'v2,c1,bad duration,a,-3,2026-01-01T00:00:00Z\n' +
          'v3,c2,ok,,8000,2026-01-02T00:00:00Z\n',
      );
      const itemSummary = await importFile(engine, 'items', items);
      expect(itemSummary).toMatchObject({ read: 3, imported: 2 });
      expect(itemSummary.rejected).toEqual([
        { line: 3, reason: 'durationMs: Expected integer to be greater or equal to 1' },
      ]);
      expect(engine.catalog.get('v3')?.item.hashtags).toEqual([]);

      const events = join(dir, 'events.jsonl');
      const e = (id: string, extra = {}) =>
        JSON.stringify({
          id,
          type: 'like',
          userId: 'u1',
          itemId: 'v1',
          timestamp: '2026-01-03T00:00:00Z',
          ...extra,
        });
      writeFileSync(events, [e('e1'), e('e2'), e('e1'), e('e3', { type: 'watch' }), 'not json'].join('\n'));
      const summary = await importFile(engine, 'events', events);
      expect(summary).toMatchObject({ read: 5, imported: 2, duplicates: 1 });
      expect(summary.rejected.map((r) => r.line)).toEqual([4, 5]);
      expect(summary.rejected[0]!.reason).toBe('watchMs: A watch event needs watchMs');
      expect(engine.users.get('u1')).toBeDefined();
    } finally {
      engine.close();
    }
  });
});

describe('importMovieLens', () => {
  it('loads MovieLens 100K: movies as videos with genre hashtags, ratings as engagement', () => {
    const ml = datasetPath('ml-100k');
    const engine = new Engine(parseConfig({ dataDir: join(dir, 'ml') }), { startProcessors: false });
    try {
      const n = importMovieLens(engine, ml);
      expect(n).toMatchObject({ items: 1682, users: 943 });
      expect(n.events).toBeGreaterThan(100_000); // every rating, plus a like for each 4 and 5
      const toyStory = engine.catalog.get('1')!.item;
      expect(toyStory.caption).toBe('Toy Story (1995)');
      expect(toyStory.hashtags).toEqual(expect.arrayContaining(['animation', 'comedy']));
      engine.runner.drain();
      expect(engine.stats.top(1, Date.parse('1998-05-01T00:00:00Z'))).toHaveLength(1);
    } finally {
      engine.close();
    }
  }, 60_000);
});
