import { describe, expect, it } from 'vitest';
import { loadDataset } from '../loaders/index.js';
import { ml100kDir } from '../testing.js';
import { fromTuples, pairs } from '../testing-data.js';
import { filterByCount, filterByRating, kCore } from './filters.js';
import { recboleCounts, recboleSplit } from './recbole.js';
import { stratifiedSplit, stratifiedSplitParts } from './stratified.js';
import { globalTimeSplit, leaveLastSplit } from './temporal.js';

function userCounts(data: ReturnType<typeof fromTuples>): Map<string, number> {
  const m = new Map<string, number>();
  for (let r = 0; r < data.length; r++) {
    const id = data.userIds[data.user[r]!]!;
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  return m;
}

describe('stratifiedSplit (Microsoft Recommenders python_stratified_split)', () => {
  const rows: [string, number][] = [];
  for (let i = 0; i < 4; i++) rows.push(['a', i]);
  for (let i = 0; i < 5; i++) rows.push(['b', i]);
  for (let i = 0; i < 1; i++) rows.push(['c', i]);
  const data = fromTuples(rows);

  it('keeps floor(0.75 n) of each user in train and the rest in test', () => {
    const { train, test } = stratifiedSplit(data, { ratio: 0.75, seed: 42 });
    expect(Object.fromEntries(userCounts(train))).toEqual({ a: 3, b: 3 });
    expect(Object.fromEntries(userCounts(test))).toEqual({ a: 1, b: 2, c: 1 });
    expect([...pairs(train), ...pairs(test)].sort()).toEqual(pairs(data));
  });

  it('is deterministic for a seed and changes with it', () => {
    const one = stratifiedSplit(data, { seed: 42 });
    expect(pairs(stratifiedSplit(data, { seed: 42 }).test)).toEqual(pairs(one.test));
    const differs = [1, 2, 3, 4, 5].some(
      (seed) => pairs(stratifiedSplit(data, { seed }).test).join() !== pairs(one.test).join(),
    );
    expect(differs).toBe(true);
  });

  it('drops groups below minRating interactions and can stratify by item', () => {
    const { train, test } = stratifiedSplit(data, { minRating: 2 });
    expect(userCounts(test).has('c')).toBe(false);
    expect(train.length + test.length).toBe(9);
    const parts = stratifiedSplitParts(data, { ratio: [2, 1, 1], filterBy: 'item' });
    expect(parts).toHaveLength(3);
    expect(parts.reduce((s, p) => s + p.length, 0)).toBe(10);
  });

  it('splits MovieLens 100K per user into 75/25 with every user in both parts', () => {
    const ml = loadDataset(ml100kDir());
    const { train, test } = stratifiedSplit(ml, { ratio: 0.75, seed: 42 });
    expect(train.length + test.length).toBe(100_000);
    const trainUsers = new Set(train.user);
    const testUsers = new Set(test.user);
    expect(trainUsers.size).toBe(943);
    expect(testUsers.size).toBe(943);
    expect(train.length).toBeGreaterThan(74_000);
    expect(train.length).toBeLessThan(75_100);
  });
});

describe('recboleSplit', () => {
  it("sizes parts like RecBole's _calcu_split_ids", () => {
    expect(recboleCounts(10, [0.8, 0.1, 0.1])).toEqual([8, 1, 1]);
    expect(recboleCounts(5, [0.8, 0.1, 0.1])).toEqual([3, 1, 1]);
    expect(recboleCounts(2, [0.8, 0.1, 0.1])).toEqual([1, 0, 1]);
    expect(recboleCounts(21, [0.8, 0.1, 0.1])).toEqual([17, 2, 2]);
  });

  it('splits each user 8:1:1 after rating and k-core filters', () => {
    const rows: [string, string, number][] = [];
    for (const u of ['a', 'b']) for (let i = 0; i < 10; i++) rows.push([u, `i${i}`, i < 8 ? 5 : 1]);
    rows.push(['c', 'i0', 5]);
    const split = recboleSplit(fromTuples(rows), { minRating: 3, kCore: 2, seed: 1 });
    expect(Object.fromEntries(userCounts(split.train))).toEqual({ a: 6, b: 6 });
    expect(split.valid.length).toBe(2);
    expect(split.test.length).toBe(2);
  });
});

describe('filters', () => {
  it('filters by rating value, by count and to a k-core', () => {
    const data = fromTuples([
      ['a', 1, 5], ['a', 2, 1], ['b', 1, 4], ['b', 3, 4], ['c', 1, 2],
    ]); // prettier-ignore
    expect(filterByRating(data, 4).length).toBe(3);
    expect(filterByCount(data, 'user', 2).length).toBe(4);
    // item 1 has 3 users, the rest 1; users a, b have 2 each: the 2-core empties out
    expect(kCore(data, 2).length).toBe(0);
    expect(pairs(kCore(fromTuples([['a', 1], ['a', 2], ['b', 1], ['b', 2], ['c', 1]]), 2))).toEqual([
      'a:1', 'a:2', 'b:1', 'b:2',
    ]); // prettier-ignore
  });
});

describe('temporal splits', () => {
  const data = fromTuples([
    ['a', 1, 1, 30], ['a', 2, 1, 10], ['a', 3, 1, 20], ['b', 1, 1, 5], ['b', 4, 1, 50],
  ]); // prettier-ignore

  it('leaves the last interaction by time per user out, with an optional validation one', () => {
    const { train, test } = leaveLastSplit(data, { n: 1 });
    expect(pairs(test)).toEqual(['a:1', 'b:4']);
    expect(pairs(train)).toEqual(['a:2', 'a:3', 'b:1']);
    const withValid = leaveLastSplit(data, { n: 1, valid: 1 });
    expect(pairs(withValid.valid!)).toEqual(['a:3']);
    expect(pairs(withValid.train)).toEqual(['a:2', 'b:1', 'b:4']);
  });

  it('cuts globally in time', () => {
    expect(pairs(globalTimeSplit(data, { at: 25 }).test)).toEqual(['a:1', 'b:4']);
    const byQuantile = globalTimeSplit(data, { quantile: 0.6 });
    expect(byQuantile.cut).toBe(21);
    expect(byQuantile.train.length).toBe(3);
  });
});
