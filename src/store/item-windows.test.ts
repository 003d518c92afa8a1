import { describe, expect, it } from 'vitest';
import type { EngagementDelta, ItemCounters } from './item-stats.js';
import { ItemWindowsStore } from './item-windows.js';
import { useTempDb } from './test-db.js';

const t = useTempDb();
const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
/** A whole hour, so bucket boundaries fall on round offsets from it. */
const NOW = Date.UTC(2026, 0, 10);

const at = (ts: number, counts: Partial<ItemCounters>, itemId = 'x'): EngagementDelta => ({
  itemId,
  weight: 0,
  ts,
  counts,
});
const watch = (ts: number, ratio: number, itemId = 'x') =>
  at(ts, { plays: 1, watchSum: ratio, completions: ratio >= 1 ? 1 : 0 }, itemId);

const zero: ItemCounters = {
  impressions: 0,
  plays: 0,
  completions: 0,
  watchSum: 0,
  likes: 0,
  shares: 0,
  skips: 0,
};
const counters = (c: Partial<ItemCounters>): ItemCounters => ({ ...zero, ...c });

function bucketRows(): { span: number; start: number }[] {
  return t.db.prepare('SELECT span, start FROM item_buckets ORDER BY span, start').all() as {
    span: number;
    start: number;
  }[];
}

/** One event in each window's edge cases; read at NOW. */
const EDGES: EngagementDelta[] = [
  watch(NOW - 10 * MIN, 0.5), // last hour
  at(NOW - 54 * MIN, { likes: 1 }), // bucket NOW-55min: inside the hour
  at(NOW - 59 * MIN, { impressions: 1 }), // bucket NOW-60min: starts at the window's edge, left out
  at(NOW - 3 * H, { shares: 1 }), // the day
  at(NOW - 2 * D, { impressions: 1 }), // the week
  at(NOW - 8 * D, { impressions: 1 }), // none
  at(NOW + MIN, { skips: 1 }), // bucket NOW: the current one at NOW, not yet at NOW - 1
];

const AT_NOW = {
  h1: counters({ plays: 1, watchSum: 0.5, likes: 1, skips: 1 }),
  h24: counters({ plays: 1, watchSum: 0.5, likes: 1, skips: 1, impressions: 1, shares: 1 }),
  d7: counters({ plays: 1, watchSum: 0.5, likes: 1, skips: 1, impressions: 2, shares: 1 }),
};

describe('ItemWindowsStore', () => {
  it('counts events in the windows their bucket starts in, and only once published', () => {
    const w = new ItemWindowsStore(t.db);
    const publish = w.stage(EDGES);
    expect(w.windows('x', NOW).d7).toEqual(zero);
    publish();
    // The skip at NOW+1min is in the bucket starting at NOW, inside (now - 1h, now].
    expect(w.windows('x', NOW)).toEqual(AT_NOW);
    expect(w.windows('x', NOW - 1)).toEqual({
      h1: counters({ plays: 1, watchSum: 0.5, likes: 1, impressions: 1 }),
      h24: counters({ plays: 1, watchSum: 0.5, likes: 1, impressions: 1, shares: 1 }),
      d7: counters({ plays: 1, watchSum: 0.5, likes: 1, impressions: 2, shares: 1 }),
    });
    // Five minutes on, the like's bucket (NOW-55min) has left the hour.
    expect(w.windows('x', NOW + 5 * MIN).h1).toEqual(counters({ plays: 1, watchSum: 0.5, skips: 1 }));
    expect(w.windows('unknown', NOW)).toEqual({ h1: zero, h24: zero, d7: zero });
    expect(w.totals(NOW)).toEqual(AT_NOW);
  });

  it('writes one row per item and bucket for a batch, and adds later batches to it', () => {
    const w = new ItemWindowsStore(t.db);
    w.stage([watch(NOW + MIN, 1), watch(NOW + 2 * MIN, 0.5), watch(NOW + 6 * MIN, 1, 'y')])();
    w.stage([watch(NOW + 3 * MIN, 0.25)])();
    expect(bucketRows()).toEqual([
      { span: 5 * MIN, start: NOW },
      { span: 5 * MIN, start: NOW + 5 * MIN },
    ]);
    expect(w.windows('x', NOW + 10 * MIN).h1).toEqual(counters({ plays: 3, watchSum: 1.75, completions: 1 }));
    expect(w.totals(NOW + 10 * MIN).h1.plays).toBe(4);
  });

  it('rolls old 5-minute buckets into hours and deletes the week-old, in SQL and in memory', () => {
    const w = new ItemWindowsStore(t.db);
    w.stage(EDGES)();
    const publish = w.expire(NOW);
    expect(publish).toBeTypeOf('function');
    publish!();
    // Rolled before NOW-1h: the share (hour NOW-3h) and the impression two days back; the one at
    // NOW-8d is gone; the hour's buckets are still 5-minute ones.
    expect(bucketRows()).toEqual([
      { span: 5 * MIN, start: NOW - 60 * MIN },
      { span: 5 * MIN, start: NOW - 55 * MIN },
      { span: 5 * MIN, start: NOW - 10 * MIN },
      { span: 5 * MIN, start: NOW },
      { span: H, start: NOW - 2 * D },
      { span: H, start: NOW - 3 * H },
    ]);
    expect(w.windows('x', NOW)).toEqual(AT_NOW);
    expect(new ItemWindowsStore(t.db).windows('x', NOW)).toEqual(AT_NOW);
    // Nothing more until the next 5-minute bucket is an hour old.
    expect(w.expire(NOW + 4 * MIN)).toBeUndefined();
    // Then that one bucket (NOW-60min) joins its hour; the day and week read the same.
    w.expire(NOW + 5 * MIN)!();
    expect(bucketRows()[0]).toEqual({ span: 5 * MIN, start: NOW - 55 * MIN });
    expect(w.windows('x', NOW + 5 * MIN).h24).toEqual(AT_NOW.h24);
    expect(w.windows('x', NOW + 5 * MIN).d7).toEqual(AT_NOW.d7);
    // A late event goes straight to its hour; one older than a week is dropped.
    w.stage([at(NOW - 2 * H + MIN, { likes: 1 }), at(NOW - 7 * D - 30 * MIN, { likes: 5 })])();
    expect(bucketRows().filter((r) => r.span === H)).toEqual([
      { span: H, start: NOW - 2 * D },
      { span: H, start: NOW - 3 * H },
      { span: H, start: NOW - 2 * H },
      { span: H, start: NOW - H },
    ]);
    expect(w.windows('x', NOW).d7.likes).toBe(2);
    // A week and a day on, everything has expired: state is bounded.
    w.expire(NOW + 8 * D)!();
    expect(bucketRows()).toEqual([]);
    expect(w.size).toBe(0);
    expect(w.windows('x', NOW + 8 * D).d7).toEqual(zero);
  });

  it('reloads its state after a restart, 5-minute and hourly buckets alike', () => {
    const first = new ItemWindowsStore(t.db);
    first.stage([watch(NOW - 5 * H, 1), watch(NOW - 20 * MIN, 0.5), at(NOW - 3 * D, { shares: 2 })])();
    first.expire(NOW)!();
    const reopened = new ItemWindowsStore(t.db);
    const expected = {
      h1: counters({ plays: 1, watchSum: 0.5 }),
      h24: counters({ plays: 2, watchSum: 1.5, completions: 1 }),
      d7: counters({ plays: 2, watchSum: 1.5, completions: 1, shares: 2 }),
    };
    expect(first.windows('x', NOW)).toEqual(expected);
    expect(reopened.windows('x', NOW)).toEqual(expected);
    // After a restart, the first expiry rolls up what the last run left as 5-minute buckets.
    reopened.expire(NOW + 2 * H)!();
    expect(bucketRows().filter((r) => r.span === 5 * MIN)).toEqual([]);
    expect(reopened.windows('x', NOW + 2 * H).h24).toEqual(expected.h24);
  });

  it('rates a rising item above a steady one, and a handful of plays barely', () => {
    const w = new ItemWindowsStore(t.db, { velocityPrior: 5 });
    const deltas: EngagementDelta[] = [];
    for (let i = 0; i < 10; i++) deltas.push(watch(NOW - 20 * MIN, 1, 'rising'));
    for (let i = 0; i < 24; i++) deltas.push(watch(NOW - i * H - 30 * MIN, 1, 'steady'));
    deltas.push(watch(NOW - 10 * MIN, 1, 'tiny'), watch(NOW - 10 * MIN, 1, 'tiny'));
    w.stage(deltas)();
    expect(w.velocity('rising', NOW)).toBeCloseTo(15 / (10 / 24 + 5), 10); // 2.77
    expect(w.velocity('steady', NOW)).toBeCloseTo(1, 10);
    expect(w.velocity('tiny', NOW)).toBeCloseTo(7 / (2 / 24 + 5), 10); // 1.38
    expect(w.velocity('unknown', NOW)).toBe(1);
  });

  it('smooths window quality towards a given prior, or the catalog’s rates in the window', () => {
    const w = new ItemWindowsStore(t.db, { qualityPriorPlays: 10 });
    const deltas: EngagementDelta[] = [];
    for (let i = 0; i < 10; i++) deltas.push(watch(NOW - 10 * MIN, 1, 'good'));
    for (let i = 0; i < 10; i++) deltas.push(watch(NOW - 10 * MIN, 0, 'bad'));
    deltas.push(at(NOW - 10 * MIN, { likes: 4 }, 'good'));
    deltas.push(at(NOW - 10 * MIN, { skips: 6 }, 'bad'));
    w.stage(deltas)();
    const prior = {
      plays: 10,
      watchRatio: 0.5,
      completionRate: 0.2,
      likeRate: 0.1,
      shareRate: 0,
      skipRate: 0.3,
    };
    expect(w.quality('good', NOW, prior).h1).toEqual({
      watchRatio: (10 + 5) / 20,
      completionRate: (10 + 2) / 20,
      likeRate: (4 + 1) / 20,
      shareRate: 0,
      skipRate: (0 + 3) / 20,
    });
    expect(w.quality('bad', NOW, prior).h1.skipRate).toBeCloseTo((6 + 3) / 20, 12);
    // Catalog in the hour: 20 plays, watch ratio 0.5, completion 0.5, like rate 0.2.
    const q = w.quality('good', NOW);
    expect(q.h1.watchRatio).toBeCloseTo((10 + 10 * 0.5) / 20, 12);
    expect(q.h1.likeRate).toBeCloseTo((4 + 10 * 0.2) / 20, 12);
    expect(w.quality('bad', NOW).d7.completionRate).toBeCloseTo(5 / 20, 12);
    expect(w.quality('unknown', NOW).h24.watchRatio).toBeCloseTo(0.5, 12);
  });

  it('gives velocity and quality together, kept until the item or the catalog changes, in place', () => {
    const w = new ItemWindowsStore(t.db, { velocityPrior: 5, qualityPriorPlays: 10 });
    w.stage([watch(NOW - 10 * MIN, 1, 'a'), watch(NOW - 10 * MIN, 0, 'b')])();
    const first = w.features('a', NOW);
    expect(first).toEqual({ velocity: w.velocity('a', NOW), quality: w.quality('a', NOW) });
    const before = structuredClone(first);
    expect(w.features('a', NOW + MIN)).toEqual(before); // same 5-minute bucket, nothing new: kept
    expect(w.features('unknown', NOW)).toEqual({
      velocity: 1,
      quality: w.quality('unknown', NOW),
    });
    // Another item's plays change the catalog's rates, so a's smoothed quality too: rewritten in
    // the item's own object, not a new one.
    w.stage([watch(NOW - 5 * MIN, 1, 'b'), watch(NOW - 5 * MIN, 1, 'b')])();
    const after = w.features('a', NOW + MIN);
    expect(after).toBe(first);
    expect(after).toEqual({ velocity: w.velocity('a', NOW + MIN), quality: w.quality('a', NOW + MIN) });
    expect(after.quality.h1.watchRatio).toBeGreaterThan(before.quality.h1.watchRatio);
    expect(w.features('unknown', NOW + MIN)).toEqual({
      velocity: 1,
      quality: w.quality('unknown', NOW + MIN),
    });
    // Its own play changes its velocity.
    const velocity = after.velocity;
    w.stage([watch(NOW - 5 * MIN, 1, 'a')])();
    expect(w.features('a', NOW + MIN).velocity).toBeGreaterThan(velocity);
    // The next 5-minute bucket moves the windows, and expiry empties them.
    expect(w.features('a', NOW + 8 * 24 * 60 * MIN)).toEqual({
      velocity: w.velocity('a', NOW + 8 * 24 * 60 * MIN),
      quality: w.quality('a', NOW + 8 * 24 * 60 * MIN),
    });
  });
});
