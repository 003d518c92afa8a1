import { describe, expect, it } from 'vitest';
import type { Candidate, FeedQuery } from '../core/index.js';
import { CreatorSpacingSelector } from './creator-spacing.js';

const cand = (id: string, creatorId: string, score: number): Candidate => ({
  itemId: id,
  entry: {
    item: { id, creatorId, caption: '', hashtags: [], durationMs: 1, createdAt: '2026-01-01T00:00:00Z' },
    createdAtMs: 0,
    seq: 0,
  },
  source: 's',
  sourceRank: 0,
  sources: ['s'],
  features: {},
  score,
});
const query = {} as FeedQuery;

describe('CreatorSpacingSelector', () => {
  it('takes the best candidate whose creator differs from the previous one', () => {
    const ranked = [
      cand('a1', 'A', 9),
      cand('a2', 'A', 8),
      cand('b1', 'B', 7),
      cand('a3', 'A', 6),
      cand('c1', 'C', 5),
    ];
    const out = new CreatorSpacingSelector().select(query, ranked, 5);
    expect(out.map((c) => c.itemId)).toEqual(['a1', 'b1', 'a2', 'c1', 'a3']);
  });

  it('returns fewer than n rather than put one creator twice in a row', () => {
    const ranked = [cand('a1', 'A', 9), cand('a2', 'A', 8), cand('a3', 'A', 7)];
    expect(new CreatorSpacingSelector().select(query, ranked, 3).map((c) => c.itemId)).toEqual(['a1']);
  });
});
