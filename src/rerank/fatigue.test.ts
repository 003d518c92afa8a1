import { describe, expect, it } from 'vitest';
import { emptyProfile, type CatalogItem } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { SessionFatigueScorer, type FatigueOptions } from './fatigue.js';
import { cand, queryFor } from './test-candidates.js';

const MIN = 60_000;
const NOW = 1000 * MIN;
const options: FatigueOptions = {
  sessionMs: 30 * MIN,
  creatorAfter: 2,
  creatorPenalty: 0.3,
  topicAfter: 3,
  topicPenalty: 0.1,
  maxPenalty: 0.5,
};

// Served this session: three of creator A (dance), one of B (food); plus an older engagement.
const catalog = new Map<string, CatalogItem>(
  [
    cand('a1', 'A', 0, { topics: ['dance'] }),
    cand('a2', 'A', 0, { topics: ['dance'] }),
    cand('a3', 'A', 0, { topics: ['dance'] }),
    cand('b1', 'B', 0, { topics: ['food'] }),
    cand('d1', 'D', 0, { topics: ['dance'] }),
    cand('old', 'O', 0, { topics: ['pets'] }),
  ].map((c) => [c.itemId, c.entry]),
);
const served = { recent: (userId: string) => new Set(userId === 'u' ? ['a1', 'a2', 'a3', 'b1'] : []) };
const scorer = new SessionFatigueScorer(served, catalog, new ItemLabeller(), options);

function profile() {
  const p = emptyProfile('u', NOW);
  p.recent = [
    { itemId: 'old', ts: NOW - 60 * MIN, weight: 1, completed: true },
    { itemId: 'd1', ts: NOW - 5 * MIN, weight: 1, completed: true }, // found outside the feed
    { itemId: 'a3', ts: NOW - 4 * MIN, weight: 1, completed: true }, // served: counted once
  ];
  return p;
}

describe('SessionFatigueScorer', () => {
  it('down-weights what the session has had many of, up to the cap, and says so', () => {
    const query = queryFor('u', NOW, profile());
    scorer.hydrate(query);
    const list = [
      cand('next-a', 'A', 1, { topics: ['food'] }), // A served 3 times: 2 past the 2 free -> 0.6, capped 0.5
      cand('next-b', 'B', 1, { topics: ['food'] }), // B once: free; food once: free
      cand('dance', 'C', 1, { topics: ['dance'] }), // dance served 4 times (a1-a3, d1): 2 past 3 -> 0.2
      cand('pets', 'O', 1, { topics: ['pets'] }), // the pets engagement is older than the session
    ];
    scorer.score(query, list);
    expect(list.map((c) => Number(c.score.toFixed(6)))).toEqual([0.5, 1, 0.8, 1]);
    expect(list.map((c) => c.reasons)).toEqual([['fatigue'], undefined, ['fatigue'], undefined]);
  });

  it('leaves a user with no session alone', () => {
    const query = queryFor('someone-else', NOW, null);
    scorer.hydrate(query);
    const list = [cand('x', 'A', 1, { topics: ['dance'] })];
    scorer.score(query, list);
    expect(list[0]!.score).toBe(1);
  });
});
