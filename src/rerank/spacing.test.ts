import { describe, expect, it } from 'vitest';
import type { Candidate } from '../core/index.js';
import { Rng } from '../core/index.js';
import { SpacingSelector } from './spacing.js';
import { cand, ids, queryFor } from './test-candidates.js';

const query = queryFor();
const spacing = new SpacingSelector({ sound: true, searchBudget: 1_000_000 });

const clash = (a: Candidate, b: Candidate): boolean =>
  a.entry.item.creatorId === b.entry.item.creatorId ||
  (a.entry.item.soundId !== undefined && a.entry.item.soundId === b.entry.item.soundId);

/** The longest valid sequence of distinct candidates, up to `n`, by exhaustive search (the oracle). */
function longestValid(list: readonly Candidate[], n: number): number {
  let best = 0;
  const used = new Array<boolean>(list.length).fill(false);
  const walk = (prev: Candidate | undefined, len: number): boolean => {
    best = Math.max(best, len);
    if (len === n) return true;
    for (let i = 0; i < list.length; i++) {
      if (used[i] || (prev && clash(prev, list[i]!))) continue;
      used[i] = true;
      const done = walk(list[i], len + 1);
      used[i] = false;
      if (done) return true;
    }
    return false;
  };
  walk(undefined, 0);
  return best;
}

function randomCandidates(rng: Rng, m: number, creators: number, sounds: number): Candidate[] {
  return Array.from({ length: m }, (_, i) => {
    const sound = rng.int(sounds + 1); // 0: no sound
    return cand(`v${i}`, `c${rng.int(creators)}`, m - i, sound === 0 ? {} : { soundId: `s${sound}` });
  });
}

function expectValid(out: readonly Candidate[], input: readonly Candidate[]): void {
  expect(new Set(ids(out)).size).toBe(out.length);
  for (const c of out) expect(input).toContain(c);
  for (let i = 1; i < out.length; i++) expect(clash(out[i - 1]!, out[i]!)).toBe(false);
}

describe('SpacingSelector', () => {
  it('takes the best candidate whose creator differs from the previous one', () => {
    const ranked = [cand('a1', 'A'), cand('a2', 'A'), cand('b1', 'B'), cand('a3', 'A'), cand('c1', 'C')];
    expect(ids(spacing.select(query, ranked, 5))).toEqual(['a1', 'b1', 'a2', 'c1', 'a3']);
  });

  it('returns fewer than n rather than put one creator twice in a row', () => {
    const ranked = [cand('a1', 'A'), cand('a2', 'A'), cand('a3', 'A')];
    expect(ids(spacing.select(query, ranked, 3))).toEqual(['a1']);
  });

  it('steps back where the greedy walk would run out of other creators', () => {
    // Greedy: a1 b c a2, then a3 cannot follow a2. The search keeps a3 by moving c after a2.
    const ranked = [cand('a1', 'A'), cand('b', 'B'), cand('c', 'C'), cand('a2', 'A'), cand('a3', 'A')];
    const out = spacing.select(query, ranked, 5);
    expect(ids(out)).toEqual(['a1', 'b', 'a2', 'c', 'a3']);
    expect(out[2]!.reasons).toEqual(['spacing']);
    expect(out[0]!.reasons).toBeUndefined();
  });

  it('keeps two videos with one sound apart, and ignores sounds when told to', () => {
    const ranked = [
      cand('x', 'A', 0, { soundId: 's' }),
      cand('y', 'B', 0, { soundId: 's' }),
      cand('z', 'C', 0, { soundId: 't' }),
      cand('w', 'D'),
    ];
    expect(ids(spacing.select(query, ranked, 4))).toEqual(['x', 'z', 'y', 'w']);
    const creatorsOnly = new SpacingSelector({ sound: false, searchBudget: 1000 });
    expect(ids(creatorsOnly.select(query, ranked, 4))).toEqual(['x', 'y', 'z', 'w']);
  });

  it('property: on small random inputs, returns as many as any valid order allows, never breaking the rule', () => {
    const rng = new Rng(20261128);
    for (let trial = 0; trial < 600; trial++) {
      const m = 1 + rng.int(8);
      const n = 1 + rng.int(7);
      const input = randomCandidates(rng, m, 1 + rng.int(4), rng.int(4));
      const out = spacing.select(query, input, n);
      expectValid(out, input);
      expect(out.length).toBe(longestValid(input, n));
    }
  });

  it('property: on page-sized random inputs with the default budget, always fills the page', () => {
    const rng = new Rng(7);
    const selector = new SpacingSelector();
    for (let trial = 0; trial < 200; trial++) {
      const m = 40 + rng.int(400);
      const input = randomCandidates(rng, m, 3 + rng.int(30), rng.int(10));
      const n = 1 + rng.int(30);
      const out = selector.select(query, input, n);
      expectValid(out, input);
      expect(out.length).toBe(n);
    }
  });

  it('settles for its longest sequence within the budget on a hopeless input', () => {
    // One creator dominates, so at most 2 * 5 + 1 = 11 fit; the bound stops the search at once.
    const input = [
      ...Array.from({ length: 500 }, (_, i) => cand(`a${i}`, 'A')),
      ...Array.from({ length: 5 }, (_, i) => cand(`b${i}`, `B${i}`)),
    ];
    const out = new SpacingSelector().select(query, input, 20);
    expectValid(out, input);
    expect(out.length).toBe(11);
  });
});
