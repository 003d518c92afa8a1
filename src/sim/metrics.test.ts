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
    m.record(0, true, 0, 0, 10_000, { ...o, watchMs: 10_000, completed: true, like: true });
    m.record(0, true, 1, 0, 10_000, { ...o, watchMs: 500, quickSkip: true });
    m.record(1, false, 1, 1, 20_000, { ...o, watchMs: 5000 });
    m.record(1, false, 2, 1, 10_000, { ...o, watchMs: 20_000, completed: true, loops: 1 });
    const r = m.report('x', 4, 1, 0);
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
