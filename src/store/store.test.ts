import { describe, expect, it } from 'vitest';
import type { Item } from '../core/index.js';
import { CatalogStore } from './catalog.js';
import { migrate, openDb } from './db.js';
import { newestFirst } from './newest-list.js';
import { ItemStatsStore } from './item-stats.js';
import { MIGRATIONS } from './migrations.js';
import { useTempDb } from './test-db.js';

const t = useTempDb();

const item = (id: string): Item => ({
  id,
  creatorId: 'c',
  caption: '',
  hashtags: [],
  durationMs: 1000,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('migrations', () => {
  it('bring a new database to the latest version, once, in WAL mode', () => {
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(t.db.pragma('user_version', { simple: true })).toBe(latest);
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(migrate(t.db, MIGRATIONS)).toBe(latest);
  });

  it('apply a new migration atomically and refuse a database newer than the code', () => {
    const next = {
      version: 999,
      name: 'test',
      sql: 'CREATE TABLE t (x INTEGER); INSERT INTO nope VALUES (1);',
    };
    expect(() => migrate(t.db, [...MIGRATIONS, next])).toThrow();
    expect(t.db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    migrate(t.db, [...MIGRATIONS, { ...next, sql: 'CREATE TABLE t (x INTEGER);' }]);
    expect(() => migrate(t.db, MIGRATIONS)).toThrow(/newer than this foryou/);
  });
});

describe('CatalogStore', () => {
  it('sees items another process wrote once it refreshes, in sequence order', () => {
    const mine = new CatalogStore(t.db);
    const otherDb = openDb(t.dir);
    const other = new CatalogStore(otherDb);
    other.upsertItems([item('a'), item('b')], 1);
    expect(mine.get('a')).toBeUndefined();
    mine.upsertItems([item('c')], 2); // writing refreshes first, so sequence numbers stay unique
    expect(mine.get('a')).toBeDefined();
    other.upsertItems([{ ...item('a'), caption: 'edited' }], 3);
    expect(mine.refresh()).toBe(1);
    expect(mine.get('a')?.item.caption).toBe('edited');
    expect(new Set([...mine.all()].map((e) => e.seq)).size).toBe(3);
    otherDb.close();
  });

  it('gives each id one ordinal, kept across its updates, and finds the current entry by it', () => {
    const catalog = new CatalogStore(t.db);
    catalog.upsertItems([item('a'), item('b')], 0);
    const [a, b] = [catalog.get('a')!, catalog.get('b')!];
    expect(a.ordinal).not.toBe(b.ordinal);
    catalog.upsertItems([{ ...item('a'), caption: 'changed' }, item('c')], 0);
    const updated = catalog.get('a')!;
    expect(updated).not.toBe(a);
    expect(updated.ordinal).toBe(a.ordinal);
    expect(catalog.at(a.ordinal)).toBe(updated);
    expect(catalog.at(a.ordinal)!.item.caption).toBe('changed');
    expect(new Set(['a', 'b', 'c'].map((id) => catalog.get(id)!.ordinal)).size).toBe(3);
  });

  it('lists active items newest first', () => {
    const catalog = new CatalogStore(t.db);
    catalog.upsertItems(
      [
        { ...item('old'), createdAt: '2026-01-01T00:00:00Z' },
        { ...item('new'), createdAt: '2026-03-01T00:00:00Z' },
        { ...item('gone'), createdAt: '2026-04-01T00:00:00Z', status: 'removed' },
      ],
      1,
    );
    expect(catalog.newest().map((e) => e.item.id)).toEqual(['new', 'old']);
  });

  it('keeps its newest-first lists, change by change, equal to sorting its items from scratch', () => {
    const catalog = new CatalogStore(t.db);
    const day = (d: number) => `2026-01-${String(1 + (d % 28)).padStart(2, '0')}T00:00:00Z`;
    catalog.upsertItems(
      Array.from({ length: 60 }, (_, i) => ({
        ...item(`v${i}`),
        creatorId: `c${i % 4}`,
        createdAt: day(i % 9),
      })),
      0,
    );
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 40; round++) {
      const before = catalog.newest();
      catalog.byCreator('c0');
      // Uploads, re-dated videos, creator changes and takedowns, a few at a time.
      const changes = Array.from({ length: 1 + rand(3) }, () => ({
        ...item(`v${rand(70)}`),
        creatorId: `c${rand(5)}`,
        createdAt: day(rand(9)),
        status: rand(6) === 0 ? ('removed' as const) : ('active' as const),
      }));
      catalog.upsertItems(changes, round);
      // Ties are ordered by ordinal, which is this process's own numbering: compare with its items.
      const sorted = [...catalog.all()].filter((e) => e.item.status === 'active').sort(newestFirst);
      expect(catalog.newest()).not.toBe(before);
      expect(catalog.newest()).toEqual(sorted);
      expect(
        new CatalogStore(t.db)
          .newest()
          .map((e) => e.item.id)
          .sort(),
      ).toEqual(sorted.map((e) => e.item.id).sort());
      for (let c = 0; c < 5; c++)
        expect(catalog.byCreator(`c${c}`)).toEqual(sorted.filter((e) => e.item.creatorId === `c${c}`));
    }
  });
});

describe('ItemStatsStore', () => {
  const H = 3_600_000;

  it('keeps its ranking, merged batch by batch, equal to a ranking made from scratch', () => {
    const catalog = new CatalogStore(t.db);
    const stats = new ItemStatsStore(t.db, H, catalog);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let batch = 0; batch < 30; batch++) {
      const now = batch * 600_000;
      const deltas = Array.from({ length: 20 }, () => ({
        itemId: `i${Math.floor(rand() * 60)}`,
        weight: rand() * 10 - 3,
        ts: now - Math.floor(rand() * 3 * H),
      }));
      stats.stage(deltas)();
      const fresh = new ItemStatsStore(t.db, H, catalog);
      expect(stats.ranking(now)).toEqual(fresh.ranking(now));
    }
    expect(stats.ranking(0).length).toBeGreaterThan(10);
  });

  it('halves a score every half-life and adds late events as they would have decayed', () => {
    const stats = new ItemStatsStore(t.db, H, new CatalogStore(t.db));
    stats.stage([{ itemId: 'x', weight: 8, ts: 0 }])();
    expect(stats.scoreAt('x', 0)).toBeCloseTo(8);
    expect(stats.scoreAt('x', H)).toBeCloseTo(4);
    expect(stats.scoreAt('x', 3 * H)).toBeCloseTo(1);
    stats.stage([{ itemId: 'x', weight: 4, ts: 2 * H }])(); // 8/4 + 4 = 6 at 2H
    stats.stage([{ itemId: 'x', weight: 4, ts: H }])(); // late: worth 2 at 2H
    expect(stats.scoreAt('x', 2 * H)).toBeCloseTo(8);
    expect(stats.get('x')?.events).toBe(3);
  });

  it('ranks by decayed score, and what was staged is durable only once published', () => {
    const stats = new ItemStatsStore(t.db, H, new CatalogStore(t.db));
    stats.stage([
      { itemId: 'old-hit', weight: 100, ts: 0 },
      { itemId: 'new', weight: 10, ts: 5 * H },
      { itemId: 'disliked', weight: -3, ts: 5 * H },
    ])();
    expect(stats.top(10, 5 * H).map((s) => s.itemId)).toEqual(['new', 'old-hit']);
    const reopened = new ItemStatsStore(t.db, H, new CatalogStore(t.db));
    expect(reopened.scoreAt('new', 5 * H)).toBeCloseTo(10);
    const unpublished = reopened.stage([{ itemId: 'new', weight: 1, ts: 5 * H }]);
    expect(reopened.scoreAt('new', 5 * H)).toBeCloseTo(10);
    unpublished();
    expect(reopened.scoreAt('new', 5 * H)).toBeCloseTo(11);
  });

  it('keeps columns by catalog ordinal equal to its stats, for uncatalogued ids, across growth and reopening', () => {
    const catalog = new CatalogStore(t.db);
    catalog.upsertItems([item('a'), item('b')], 0);
    const stats = new ItemStatsStore(t.db, H, catalog);
    // 'ghost' has events before any upload: an ordinal is reserved, and kept when it is catalogued.
    const ids = ['a', 'ghost', ...Array.from({ length: 1500 }, (_, i) => `n${i}`), 'b'];
    stats.stage(
      ids.map((itemId, i) => ({
        itemId,
        weight: 1 + (i % 7),
        ts: (i % 5) * H,
        counts: { impressions: i, plays: i % 3, likes: i % 2 },
      })),
    )();
    const ghost = catalog.ordinalOf('ghost');
    catalog.upsertItems([item('ghost')], 0);
    expect(catalog.get('ghost')?.ordinal).toBe(ghost);
    const check = (s: ItemStatsStore) => {
      const cols = s.columns();
      expect(cols.length).toBeGreaterThan(1500);
      for (const id of ids) {
        const o = catalog.ordinalOf(id);
        const stat = s.get(id)!;
        expect([cols.impressions[o], cols.plays[o], cols.likes[o], cols.completions[o]]).toEqual([
          stat.impressions,
          stat.plays,
          stat.likes,
          stat.completions,
        ]);
        expect(s.scoreAtOrdinal(o, 6 * H)).toBeCloseTo(s.scoreAt(id, 6 * H), 12);
      }
      expect(s.scoreAtOrdinal(cols.length + 10, 0)).toBe(0);
    };
    check(stats);
    check(new ItemStatsStore(t.db, H, catalog));
  });
});
