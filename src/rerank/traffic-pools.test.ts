import { describe, expect, it } from 'vitest';
import { hashString, type CatalogItem } from '../core/index.js';
import type { ItemCounters } from '../store/index.js';
import { TrafficPoolSelector } from './traffic-pool-selector.js';
import { TrafficPoolSource } from './traffic-pool-source.js';
import { TrafficPools, judge, type TrafficPoolOptions } from './traffic-pools.js';
import { cand, counterColumns, ids, queryFor } from './test-candidates.js';

const HOUR = 3_600_000;
const NOW = 1_000 * HOUR;
const options: TrafficPoolOptions = {
  caps: [100, 1000, 10_000],
  maxAgeMs: 7 * 24 * HOUR,
  priorPlays: 20,
  minCohort: 5,
  rebuildEveryMs: 5000,
};

const counters = (impressions: number, plays: number, completions: number, likes: number): ItemCounters => ({
  impressions,
  plays,
  completions,
  likes,
  watchSum: completions,
  shares: 0,
  skips: 0,
});

/** A catalog and its counters that a test changes between rebuilds. */
function world() {
  const entries: CatalogItem[] = [];
  const stats = new Map<string, ItemCounters>();
  let newest: readonly CatalogItem[] = [];
  const add = (id: string, ageMs: number, c?: ItemCounters) => {
    entries.push(cand(id, `c-${id}`, 0, { createdAtMs: NOW - ageMs }).entry);
    if (c) stats.set(id, c);
    newest = [...entries].sort((a, b) => b.createdAtMs - a.createdAtMs);
  };
  const catalog = { newest: () => newest, get: (id: string) => entries.find((e) => e.item.id === id) };
  // Twenty older videos that finished L0: completion 30%..49%, likes 2%..5.8% of 100 plays.
  for (let i = 0; i < 20; i++) add(`old${i}`, 30 * 24 * HOUR + i, counters(150, 100, 30 + i, 2 + i / 5));
  return { add, stats, pools: new TrafficPools(catalog, counterColumns(stats), options) };
}

describe('traffic pools', () => {
  it('judges a video at each cap it reached: promoted on beating both medians, else capped', () => {
    const caps = [100, 1000];
    const bars = [
      { completion: 0.4, like: 0.04, cohort: 10 },
      { completion: 0.5, like: 0.05, cohort: 10 },
    ];
    expect(judge(30, { completion: 0.9, like: 0.9 }, caps, bars)).toEqual({
      level: 0,
      capped: false,
      remaining: 70,
    });
    expect(judge(100, { completion: 0.45, like: 0.045 }, caps, bars)).toEqual({
      level: 1,
      capped: false,
      remaining: 900,
    });
    expect(judge(100, { completion: 0.45, like: 0.03 }, caps, bars)).toEqual({
      level: 0,
      capped: true,
      remaining: 0,
    });
    expect(judge(1500, { completion: 0.45, like: 0.045 }, caps, bars)).toEqual({
      level: 1,
      capped: true,
      remaining: 0,
    });
    expect(judge(1500, { completion: 0.6, like: 0.06 }, caps, bars)).toEqual({
      level: 2,
      capped: false,
      remaining: 0,
    });
  });

  it('walks a good new video from L0 to L1, and a poor one from L0 to capped', () => {
    const { add, stats, pools } = world();
    add('good', HOUR);
    add('poor', HOUR);
    pools.rebuild(NOW);
    // Just uploaded: both owed their first 100 impressions.
    expect(pools.standing('good')).toEqual({ level: 0, capped: false, remaining: 100 });
    expect(pools.standing('poor')).toEqual({ level: 0, capped: false, remaining: 100 });
    expect(
      pools
        .owed()
        .map((p) => p.entry.item.id)
        .sort(),
    ).toEqual(['good', 'poor']);
    expect(pools.standing('old0')).toBeUndefined(); // too old for the pools

    stats.set('good', counters(60, 50, 40, 5));
    stats.set('poor', counters(60, 50, 10, 0));
    pools.rebuild(NOW + 10_000);
    expect(pools.standing('good')).toEqual({ level: 0, capped: false, remaining: 40 });
    expect(pools.standing('poor')).toEqual({ level: 0, capped: false, remaining: 40 });

    // Both finished L0. The bar: medians of the 22 that finished it, these two included (~0.4
    // completion, ~0.04 likes).
    stats.set('good', counters(100, 90, 70, 9));
    stats.set('poor', counters(100, 90, 20, 1));
    pools.rebuild(NOW + 20_000);
    expect(pools.bars()[0]!.cohort).toBe(22);
    expect(pools.standing('good')).toEqual({ level: 1, capped: false, remaining: 900 });
    expect(pools.standing('poor')).toEqual({ level: 0, capped: true, remaining: 0 });
    expect(pools.owes('good')).toBe(true);
    expect(pools.owes('poor')).toBe(false);
    expect(pools.owed().map((p) => p.entry.item.id)).toEqual(['good']);

    // The good one finishes L1 too: too few videos finished L1 for a median, so the catalog's rates
    // are the bar, which it beats.
    stats.set('good', counters(1000, 900, 700, 90));
    pools.rebuild(NOW + 30_000);
    expect(pools.bars()[1]!.cohort).toBe(1);
    expect(pools.standing('good')).toEqual({ level: 2, capped: false, remaining: 9000 });
  });

  it('is stale after its period or when the catalog changes', () => {
    const { add, pools } = world();
    pools.rebuild(NOW);
    expect(pools.stale(NOW + 1000)).toBe(false);
    expect(pools.stale(NOW + 5000)).toBe(true);
    add('new', 0);
    expect(pools.stale(NOW + 1000)).toBe(true);
  });

  it('recalls owed videos and reserves slots for them', () => {
    const { add, stats, pools } = world();
    add('owed', HOUR);
    add('done', HOUR, counters(100, 90, 5, 0)); // capped at L0
    pools.rebuild(NOW);
    const query = queryFor('u', NOW);
    const source = new TrafficPoolSource(pools, { quota: 10, timeoutMs: 50, weight: 0 });
    expect(source.fetch(query, 10).map((s) => s.entry.item.id)).toEqual(['owed']);
    query.exclude.add('owed');
    expect(source.fetch(query, 10)).toEqual([]);
    expect(stats.get('done')?.impressions).toBe(100);

    const selector = new TrafficPoolSelector(pools, { slots: [2] });
    const ranked = ['a', 'b', 'c', 'd', 'done', 'owed'].map((id) => cand(id, `c-${id}`));
    const out = selector.select(query, ranked, 4);
    expect(ids(out)).toEqual(['a', 'b', 'owed', 'c', 'd', 'done']);
    expect(out[2]!.reasons).toEqual(['pool:L0']);
    expect(ids(ranked)).toEqual(['a', 'b', 'c', 'd', 'done', 'owed']); // the input is left alone
    // Already in the page at or below the slot: it fills the slot where it stands.
    const inPage = ['a', 'b', 'c', 'owed', 'd'].map((id) => cand(id, `c-${id}`));
    expect(ids(selector.select(query, inPage, 4))).toEqual(['a', 'b', 'c', 'owed', 'd']);
    // Not for a video the user said "not interested" to.
    const suppressed = ['a', 'b', 'c', 'd', 'owed'].map((id) => cand(id, `c-${id}`));
    suppressed[4]!.reasons = ['not_interested:creator'];
    expect(ids(selector.select(query, suppressed, 4))).toEqual(['a', 'b', 'c', 'd', 'owed']);
    // A page too short for the slot is left alone.
    expect(ids(selector.select(query, ranked, 2))).toEqual(ids(ranked));
  });

  it('draws for each user the same videos a full scan would, though it stops early', () => {
    const { add, pools } = world();
    // 400 new videos at every stage of L0 and L1: owed shares from 1 down to 0.01.
    for (let i = 0; i < 400; i++)
      add(`n${i}`, HOUR + i, i % 4 === 0 ? undefined : counters(i % 100, 0, 0, 0));
    pools.rebuild(NOW);
    const pool = pools.owed();
    expect(new Set(pool.map((p) => p.owed)).size).toBeGreaterThan(50);
    const source = new TrafficPoolSource(pools, { quota: 20, timeoutMs: 50, weight: 0 });
    for (let u = 0; u < 50; u++) {
      const query = queryFor(`user${u}`, NOW);
      query.exclude.add(pool[u]!.entry.item.id);
      const userHash = hashString(`user${u}`);
      const full = pool
        .map((p, i) => ({
          id: p.entry.item.id,
          i,
          score:
            p.owed * (0.5 + (Math.imul(hashString(p.entry.item.id) ^ userHash, 0x9e3779b1) >>> 0) / 2 ** 33),
        }))
        .filter((x) => !query.exclude.has(x.id))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, 20);
      expect(source.fetch(query, 20).map((s) => s.entry.item.id)).toEqual(full.map((x) => x.id));
    }
  });

  it('draws a long run of tied uploads from a per-user sample spread over it, covering the run across users', () => {
    // 5,000 unseen uploads, all owed their whole share: one run of ties, ten times the window.
    const entries = Array.from(
      { length: 5000 },
      (_, i) => cand(`n${i}`, `c${i}`, 0, { createdAtMs: NOW - HOUR - i }).entry,
    );
    const pools = new TrafficPools(
      { newest: () => entries, get: (id) => entries.find((e) => e.item.id === id) },
      counterColumns(new Map()),
      options,
    );
    pools.rebuild(NOW);
    expect(pools.columns().runEnd[0]).toBe(5000);
    const source = new TrafficPoolSource(pools, { quota: 20, timeoutMs: 50, weight: 0 });
    const drawn = new Map<string, number>();
    const firsts = new Set<string>();
    for (let u = 0; u < 4000; u++) {
      const query = queryFor(`user${u}`, NOW);
      query.exclude.add(`n${u}`);
      const got = source.fetch(query, 20).map((s) => s.entry.item.id);
      expect(got).toHaveLength(20);
      expect(new Set(got).size).toBe(20);
      expect(got).not.toContain(`n${u}`);
      if (u < 3) expect(source.fetch(query, 20).map((s) => s.entry.item.id)).toEqual(got); // deterministic
      firsts.add(got[0]!);
      // Spread over the run (which is in upload order), not one stretch of it.
      const at = got.map((id) => Number(id.slice(1))).sort((x, y) => x - y);
      if (u < 100) expect(at[at.length - 1]! - at[0]!).toBeGreaterThan(2500);
      for (const id of got) drawn.set(id, (drawn.get(id) ?? 0) + 1);
    }
    // 80,000 draws over 5,000 videos, 16 each on average: every one is reached, none piles up.
    expect(drawn.size).toBe(5000);
    expect(Math.max(...drawn.values())).toBeLessThan(48);
    expect(firsts.size).toBeGreaterThan(2000);
  });
});
