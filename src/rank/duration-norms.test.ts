import { describe, expect, it } from 'vitest';
import type { Candidate, CatalogItem, FeedQuery } from '../core/index.js';
import type { ItemStat, ItemStatsStore } from '../store/index.js';
import { DurationNorms, durationBand, logit } from './duration-norms.js';
import { ItemFeatureHydrator } from './features.js';

const item = (id: string, durationMs: number): CatalogItem => ({
  item: { id, creatorId: 'c', caption: '', hashtags: [], durationMs, createdAt: '2026-01-01T00:00:00Z' },
  createdAtMs: 0,
  seq: 0,
  ordinal: 0,
});

const stat = (plays: number, watchSum: number): ItemStat =>
  ({
    plays,
    watchSum,
    completions: 0,
    likes: 0,
    shares: 0,
    skips: 0,
    score: 0,
    events: plays,
    updatedAt: 0,
  }) as ItemStat;

/** Short videos watched to 0.8 on average, long ones to 0.1: the duration, not the quality. */
function world() {
  const items = [
    item('short-a', 6000),
    item('short-b', 6000),
    item('long-a', 90_000),
    item('long-b', 90_000),
  ];
  const stats = new Map<string, ItemStat>([
    ['short-a', stat(1000, 850)],
    ['short-b', stat(1000, 750)],
    ['long-a', stat(1000, 250)],
    ['long-b', stat(1000, 30)],
  ]);
  return new DurationNorms({ newest: () => items }, { get: (id) => stats.get(id) }, { priorPlays: 20 });
}

describe('duration norms', () => {
  it('bands durations by half octaves from 4 s', () => {
    expect(durationBand(1000)).toBe(0);
    expect(durationBand(6000)).toBe(1);
    expect(durationBand(8000)).toBe(2);
    expect(durationBand(16_000)).toBe(4);
    expect(durationBand(3_600_000)).toBe(17);
  });

  it("rates a video against the catalog's ratio at its length, not against every length", () => {
    const norms = world();
    norms.rebuild(0);
    // Band means, nearly the raw ones (1,000 plays each against a 100-play prior).
    expect(norms.expectedRatio(6000)).toBeCloseTo((1600 + 100 * 0.47) / 2100, 6);
    expect(norms.expectedRatio(90_000)).toBeCloseTo((280 + 100 * 0.47) / 2100, 6);
    // The better long video beats its band by more than the better short one beats its own, in
    // odds, though its raw watch ratio (0.25) is far below the worse short video's (0.75).
    const longA = norms.relativeWatch('long-a', 90_000);
    const shortA = norms.relativeWatch('short-a', 6000);
    expect(longA).toBeGreaterThan(shortA);
    expect(shortA).toBeGreaterThan(0);
    expect(norms.relativeWatch('long-b', 90_000)).toBeLessThan(0);
    expect(norms.relativeWatch('short-b', 6000)).toBeLessThan(0);
  });

  it('is 0 for a video never played, and at the catalog mean before the first rebuild', () => {
    const norms = world();
    expect(norms.expectedRatio(6000)).toBe(0.5);
    expect(norms.relativeWatch('nobody', 6000)).toBe(0);
    expect(norms.stale(0, 60_000)).toBe(true);
    norms.rebuild(0);
    expect(norms.stale(59_999, 60_000)).toBe(false);
  });

  it('keeps logits finite at 0 and 1', () => {
    expect(Number.isFinite(logit(0))).toBe(true);
    expect(logit(1)).toBeCloseTo(-logit(0), 12);
  });
});

describe('item features with duration norms', () => {
  it('serves watch_vs_duration beside the raw rates, so the impression logs it for training', () => {
    const norms = world();
    norms.rebuild(0);
    const stats = { scoreAt: () => 0 } as unknown as ItemStatsStore;
    const candidates = [item('long-a', 90_000), item('short-b', 6000)].map((entry): Candidate => ({
      itemId: entry.item.id,
      entry,
      source: 'trending',
      sourceRank: 0,
      sources: ['trending'],
      features: {},
      score: 0,
    }));
    const query = { request: { now: 0 } } as unknown as FeedQuery;
    new ItemFeatureHydrator(stats, 3_600_000, undefined, norms).hydrate(query, candidates);
    expect(candidates[0]!.features.watch_vs_duration).toBeCloseTo(norms.relativeWatch('long-a', 90_000), 12);
    expect(candidates[0]!.features.watch_vs_duration).toBeGreaterThan(0);
    expect(candidates[1]!.features.watch_vs_duration).toBeLessThan(0);
    const without = [{ ...candidates[0]!, features: {} }];
    new ItemFeatureHydrator(stats, 3_600_000).hydrate(query, without);
    expect(without[0]!.features).not.toHaveProperty('watch_vs_duration');
  });
});
