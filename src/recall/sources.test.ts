import { describe, expect, it } from 'vitest';
import {
  emptyProfile,
  hashString,
  type FeedQuery,
  type Item,
  type UserProfile,
  type User,
} from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { CatalogStore, CoVisitStore, ItemStatsStore, type ItemCounters } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { CoEngagementSource } from './co-engagement.js';
import { FollowingSource } from './following.js';
import { FreshSource } from './fresh.js';
import { QualityPools, QualitySource } from './quality.js';

const t = useTempDb();
const SETTINGS = { quota: 10, timeoutMs: 50, weight: 1 };
const NOW = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;

const item = (id: string, ageHours: number, extra: Partial<Item> = {}): Item => ({
  id,
  creatorId: `c-${id}`,
  durationMs: 10_000,
  createdAt: new Date(NOW - ageHours * HOUR).toISOString(),
  ...extra,
});

const query = (
  profile: Partial<UserProfile> | null = null,
  exclude: string[] = [],
  user?: User,
): FeedQuery => ({
  request: { requestId: 'r', userId: 'u', n: 10, now: NOW },
  user: user ?? null,
  profile: profile ? { ...emptyProfile('u', NOW), ...profile } : null,
  exclude: new Set(exclude),
});

function stores(items: Item[]) {
  const catalog = new CatalogStore(t.db);
  catalog.upsertItems(items, NOW);
  return { catalog, stats: new ItemStatsStore(t.db, 24 * HOUR, catalog) };
}

function count(stats: ItemStatsStore, itemId: string, counts: Partial<ItemCounters>): void {
  stats.stage([{ itemId, weight: 0, ts: NOW, counts }])();
}

const ids = (items: { entry: { item: { id: string } } }[]) => items.map((s) => s.entry.item.id);

describe('FreshSource', () => {
  it('offers recent uploads with impressions left in their budget, the least shown first', () => {
    const { catalog, stats } = stores([
      item('new-unseen', 1),
      item('new-shown', 2),
      item('new-exhausted', 3),
      item('old', 100),
      item('future', -1),
      item('excluded', 1),
    ]);
    count(stats, 'new-shown', { impressions: 80 });
    count(stats, 'new-exhausted', { impressions: 100 });
    const source = new FreshSource(catalog, stats, { windowMs: 48 * HOUR, maxImpressions: 100 }, SETTINGS);
    const got = ids(source.fetch(query(null, ['excluded']), 10));
    expect(got).toEqual(['new-unseen', 'new-shown']);
  });

  it('gives different users different draws from a large pool', () => {
    const { catalog, stats } = stores(Array.from({ length: 200 }, (_, i) => item(`v${i}`, 1)));
    const source = new FreshSource(catalog, stats, { windowMs: 48 * HOUR, maxImpressions: 100 }, SETTINGS);
    const forUser = (userId: string) =>
      ids(source.fetch({ ...query(), request: { ...query().request, userId } }, 10));
    expect(forUser('a')).not.toEqual(forUser('b'));
    expect(forUser('a')).toEqual(forUser('a'));
  });

  it('draws what a full scan of the pool would, though it stops early', () => {
    const { catalog, stats } = stores(Array.from({ length: 300 }, (_, i) => item(`v${i}`, 1 + i / 100)));
    for (let i = 0; i < 300; i++) if (i % 3 > 0) count(stats, `v${i}`, { impressions: i % 97 });
    const source = new FreshSource(catalog, stats, { windowMs: 48 * HOUR, maxImpressions: 100 }, SETTINGS);
    for (const userId of ['a', 'b', 'c', 'd']) {
      const q = { ...query(null, ['v0', 'v5']), request: { ...query().request, userId } };
      const userHash = hashString(userId);
      const full = Array.from({ length: 300 }, (_, i) => {
        const budget = 1 - (i % 3 > 0 ? i % 97 : 0) / 100;
        const draw = (Math.imul(hashString(`v${i}`) ^ userHash, 0x9e3779b1) >>> 0) / 2 ** 33;
        return { id: `v${i}`, score: budget * (0.5 + draw) };
      })
        .filter((x) => !q.exclude.has(x.id))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      expect(ids(source.fetch(q, 10))).toEqual(full.map((x) => x.id));
    }
  });
});

describe('FollowingSource', () => {
  it("offers followed creators' uploads inside the window, newest first", () => {
    const { catalog } = stores([
      item('a1', 5, { creatorId: 'ann' }),
      item('a2', 1, { creatorId: 'ann' }),
      item('a-old', 24 * 30, { creatorId: 'ann' }),
      item('b1', 2, { creatorId: 'ben' }),
      item('z1', 1, { creatorId: 'zed' }),
    ]);
    const source = new FollowingSource(catalog, 7 * 24 * HOUR, SETTINGS);
    expect(ids(source.fetch(query({ follows: ['ann', 'ben'] }), 10))).toEqual(['a2', 'b1', 'a1']);
    expect(source.fetch(query(null), 10)).toEqual([]);
  });
});

describe('QualitySource', () => {
  const options = { priorPlays: 10, likeWeight: 2, shareWeight: 4, poolSize: 100 };

  it('smooths rates toward the mean, so a few lucky plays do not beat many good ones', () => {
    const { catalog, stats } = stores([
      item('proven', 10, { topics: ['cats'] }),
      item('lucky', 10, { topics: ['cats'] }),
      item('poor', 10, { topics: ['cats'] }),
    ]);
    count(stats, 'proven', { plays: 1000, watchSum: 900, likes: 100 });
    count(stats, 'lucky', { plays: 2, watchSum: 2, likes: 1 });
    count(stats, 'poor', { plays: 1000, watchSum: 200, likes: 5 });
    const pools = new QualityPools(catalog, stats, new ItemLabeller(), options);
    pools.rebuild(NOW);
    expect(ids(new QualitySource(pools, SETTINGS).fetch(query(), 10))).toEqual(['proven', 'lucky', 'poor']);
  });

  it("draws from the user's topics and language, and gives a new user every topic", () => {
    const items: Item[] = [];
    for (const topic of ['cats', 'dogs', 'cars'])
      for (const lang of ['en', 'es'])
        for (let i = 0; i < 5; i++)
          items.push(item(`${topic}-${lang}-${i}`, 10, { topics: [topic], language: lang }));
    const { catalog, stats } = stores(items);
    for (const it of items) count(stats, it.id, { plays: 10, watchSum: 5 });
    const pools = new QualityPools(catalog, stats, new ItemLabeller(), options);
    pools.rebuild(NOW);
    const source = new QualitySource(pools, SETTINGS);
    const fan = source.fetch(query({ topics: { cats: 5, dogs: -3 } }, [], { id: 'u', locale: 'es-MX' }), 5);
    expect(ids(fan).every((id) => id.startsWith('cats-es'))).toBe(true);
    const newcomer = ids(source.fetch(query(), 3)).map((id) => id.split('-')[0]);
    expect(new Set(newcomer)).toEqual(new Set(['cats', 'dogs', 'cars']));
  });

  it('rebuilds in slices between turns of the event loop, the old pools serving until the end', async () => {
    const items = Array.from({ length: 9 }, (_, i) =>
      item(`v${i}`, 10, { topics: [i % 2 ? 'cats' : 'dogs'] }),
    );
    const { catalog, stats } = stores(items);
    items.forEach((it, i) => count(stats, it.id, { plays: 10, watchSum: i }));
    const pools = new QualityPools(catalog, stats, new ItemLabeller(), options);
    const whole = new QualityPools(catalog, stats, new ItemLabeller(), options);
    whole.rebuild(NOW);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const errors: unknown[] = [];

    pools.rebuildInSlices(NOW, (e) => errors.push(e), 2);
    pools.rebuildInSlices(NOW, (e) => errors.push(e), 2); // one build at a time
    let turns = 0;
    while (pools.builtAt !== NOW) {
      expect(pools.pool('*', '*')).toEqual([]); // nothing half-built is served
      await turn();
      turns++;
    }
    expect(turns).toBeGreaterThanOrEqual(5); // 9 videos, 2 per slice
    expect(errors).toEqual([]);
    for (const topic of ['*', 'cats', 'dogs']) expect(pools.pool(topic, '*')).toEqual(whole.pool(topic, '*'));
    expect(pools.topics()).toEqual(whole.topics());
    expect(pools.stale(NOW, 60_000, 10_000)).toBe(false);
  });
});

describe('CoEngagementSource', () => {
  it('scores neighbours of recent seeds, recent seeds first, discounting neighbours everyone shares', () => {
    const { catalog } = stores(['seed-old', 'seed-new', 'n1', 'n2', 'hub', 'seen'].map((id) => item(id, 10)));
    const co = new CoVisitStore(t.db, 7 * 24 * HOUR, 50);
    const link = (a: string, b: string, weight: number) =>
      co.stage([
        { a, b, weight, ts: NOW },
        { a: b, b: a, weight, ts: NOW },
      ])();
    link('seed-new', 'n1', 1);
    link('seed-old', 'n2', 1);
    link('seed-old', 'seen', 1);
    link('seed-new', 'hub', 1);
    for (let i = 0; i < 20; i++) link('hub', `other${i}`, 1); // a neighbour of everything
    const source = new CoEngagementSource(co, catalog, { seeds: 10, popularityExponent: 0.5 }, SETTINGS);
    const profile = {
      recent: [
        { itemId: 'seed-old', ts: NOW - HOUR, weight: 1, completed: true },
        { itemId: 'seed-new', ts: NOW, weight: 1, completed: true },
      ],
    };
    expect(ids(source.fetch(query(profile, ['seen']), 10))).toEqual(['n1', 'n2', 'hub']);
    expect(source.fetch(query(null), 10)).toEqual([]);
  });
});
