import { describe, expect, it } from 'vitest';
import { newOutcome } from './behaviour.js';
import { Metrics, gini, swipesToReach } from './metrics.js';
import { TopK } from '../core/index.js';
import { kthLargest } from './topk.js';

describe('report metrics', () => {
  it('computes the Gini coefficient', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 8])).toBeCloseTo(0.75, 10);
    expect(gini([1, 2, 3])).toBeCloseTo(2 / 9, 10);
    expect(gini([])).toBe(0);
  });

  it('finds the swipe where the rolling watch ratio reaches the threshold', () => {
    // Windows of 5: [.1 .1 .1 .1 .1]=.1, then .9 replaces .1 one at a time.
    const ratios = [0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9];
    expect(swipesToReach(ratios, 0.5)).toBe(8); // (.1 + .1 + .9 * 3) / 5 = .58
    expect(swipesToReach(ratios, 0.1)).toBe(5);
    expect(swipesToReach(ratios, 0.95)).toBeNull();
    expect(swipesToReach([1, 1, 1], 0.5)).toBeNull(); // never a full window
  });

  it('summarises by hand-checkable figures', () => {
    const m = new Metrics(4, 2, 2);
    const o = newOutcome();
    m.sessions = 2;
    const MIN = 60_000;
    m.record(0, true, 0, 0, 10_000, { ...o, watchMs: 10_000, completed: true, like: true }, 5 * MIN);
    m.record(0, true, 1, 0, 10_000, { ...o, watchMs: 500, quickSkip: true }, 6 * MIN);
    m.record(1, false, 1, 1, 20_000, { ...o, watchMs: 5000 }, 50 * MIN);
    m.record(1, false, 2, 1, 10_000, { ...o, watchMs: 20_000, completed: true, loops: 1 }, 60 * MIN);
    // videos 1, 2 and 3 uploaded during the run (0 before it): 1 first shown 5 min after its
    // upload, 2 after 40 min, 3 never; the median of 5, 40 and never is 40
    const uploads = { createdAtMs: [-MIN, MIN, 20 * MIN, 30 * MIN], start: 0, end: 90 * MIN };
    const r = m.report('x', 4, 1, 0, uploads);
    expect(r.newVideos).toBe(3);
    expect(r.newVideosShown).toBeCloseTo(2 / 3, 12);
    expect(r.minutesToFirstImpression).toBe(40);
    expect(
      m.report('x', 4, 1, 0, { ...uploads, createdAtMs: [MIN, 2 * MIN, 3 * MIN, 30 * MIN] })
        .minutesToFirstImpression,
    ).toBe(4);
    // the one new video never shown: no median
    expect(
      m.report('x', 4, 1, 0, { ...uploads, createdAtMs: [-MIN, -MIN, -MIN, 30 * MIN] })
        .minutesToFirstImpression,
    ).toBeNull();
    expect(r.impressions).toBe(4);
    expect(r.watchTimePerSession).toBeCloseTo(35.5 / 2, 10);
    expect(r.watchRatio).toBeCloseTo((1 + 0.05 + 0.25 + 2) / 4, 10);
    expect(r.completionRate).toBe(0.5);
    expect(r.quickSkipRate).toBe(0.25);
    expect(r.likeRate).toBe(0.25);
    expect(r.coverage).toBe(0.75);
    expect(r.creatorGini).toBe(0);
    // Only user 0 had a (2-swipe) first session here; censored at its length.
    expect(r.users).toBe(1);
    expect(r.timeToPersonalise).toBe(2);
    expect(r.personalisedShare).toBe(0);
  });
});

describe('selection helpers', () => {
  it('keeps the top k and finds the k-th largest', () => {
    const top = new TopK(3);
    [5, 1, 9, 7, 3, 9.5].forEach((s, i) => top.push(s, i));
    expect(Array.from(top.sorted().keys)).toEqual([5, 2, 3]);
    const values = Float32Array.from([4, 8, 1, 9, 3, 3, 7]);
    expect(kthLargest(values, values.length, 1)).toBe(9);
    expect(kthLargest(Float32Array.from([4, 8, 1, 9, 3, 3, 7]), 7, 3)).toBe(7);
    expect(kthLargest(Float32Array.from([4, 8, 1, 9, 3, 3, 7]), 7, 6)).toBe(3);
  });
});
