import { describe, expect, it } from 'vitest';
import type { ItemCounters } from '../store/index.js';
import { ExplorationSelector, type ExplorationOptions } from './exploration.js';
import { addReason } from './reasons.js';
import { cand, counterColumns, ids, queryFor } from './test-candidates.js';

const counters = (impressions: number, plays: number, completions: number): ItemCounters => ({
  impressions,
  plays,
  completions,
  watchSum: completions,
  likes: 0,
  shares: 0,
  skips: 0,
});
const stats = new Map<string, ItemCounters>([
  ['known1', counters(5000, 4000, 2000)],
  ['known2', counters(5000, 4000, 2000)],
  ['good', counters(60, 50, 45)], // uncertain, finished 90%
  ['bad', counters(60, 50, 2)], // uncertain, finished 4%
]);
const options: ExplorationOptions = { slots: [1, 3], maxImpressions: 200, alpha: 1, beta: 1, depth: 100 };
const explore = new ExplorationSelector(counterColumns(stats), options);
const list = () =>
  ['known1', 'top', 'known2', 'a', 'b', 'good', 'bad', 'c']
    .map((id) => cand(id, `c-${id}`))
    .map((c, i) => {
      // 'top', 'a', 'b', 'c' have no counters at all: impressions 0, the widest prior.
      c.score = 10 - i;
      return c;
    });

describe('ExplorationSelector', () => {
  it('fills its slots with uncertain candidates, the same way for the same request', () => {
    const first = explore.select(queryFor('u', 0, null, 'req-1'), list(), 6);
    const again = explore.select(queryFor('u', 0, null, 'req-1'), list(), 6);
    expect(ids(first)).toEqual(ids(again));
    expect(first).toHaveLength(8);
    expect(new Set(ids(first))).toEqual(new Set(ids(list())));
    expect(first[0]!.itemId).toBe('known1'); // above the first slot: untouched
    for (const slot of [1, 3]) {
      expect(['top', 'a', 'b', 'good', 'bad', 'c']).toContain(first[slot]!.itemId);
      expect(first[slot]!.reasons).toEqual(['explore']);
    }
    // Every other candidate keeps its relative order.
    const others = first.filter((_, i) => i !== 1 && i !== 3);
    expect(others.map((c) => c.score)).toEqual([...others.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('draws from the posterior: a video that keeps being finished wins far more often than one that does not', () => {
    const wins = new Map<string, number>();
    for (let r = 0; r < 400; r++) {
      const out = explore.select(queryFor('u', 0, null, `req-${r}`), list(), 6);
      wins.set(out[1]!.itemId, (wins.get(out[1]!.itemId) ?? 0) + 1);
    }
    // Uniform Beta(1, 1) draws for the four unknowns; Beta(46, 6) for 'good', Beta(3, 49) for 'bad'.
    expect(wins.get('bad') ?? 0).toBe(0);
    expect(wins.get('good') ?? 0).toBeGreaterThan(100);
    expect(wins.get('known2') ?? 0).toBe(0); // certain: never explored
    expect([...wins.keys()].length).toBeGreaterThan(2); // the unknowns get their chance too
  });

  it('never explores a candidate the user said "not interested" to', () => {
    for (let r = 0; r < 100; r++) {
      const input = list();
      for (const c of input)
        if (c.itemId !== 'known1' && c.itemId !== 'known2') addReason(c, 'not_interested:topic');
      input.find((c) => c.itemId === 'good')!.reasons = undefined;
      const out = explore.select(queryFor('u', 0, null, `req-${r}`), input, 6);
      expect(out.filter((c) => c.reasons?.includes('explore')).map((c) => c.itemId)).toEqual(['good']);
    }
  });

  it('leaves the list alone when no slot falls inside the page or nothing is uncertain', () => {
    const input = list();
    expect(explore.select(queryFor(), input, 1)).toBe(input);
    const certain = ['known1', 'known2'].map((id) => cand(id, id));
    expect(ids(explore.select(queryFor(), certain, 2))).toEqual(['known1', 'known2']);
  });

  it('only fills slots inside the page', () => {
    const out = explore.select(queryFor('u', 0, null, 'req-2'), list(), 3);
    const explored = out.filter((c) => c.reasons?.includes('explore'));
    expect(explored).toHaveLength(1);
    expect(out[1]!.reasons).toEqual(['explore']);
  });
});
