import { describe, expect, it } from 'vitest';
import type { Candidate, CandidateSource, FeedQuery } from '../core/index.js';
import { RecallFusionHydrator, fusionTerm } from './features.js';

const source = (name: string, weight: number): CandidateSource => ({
  name,
  quota: 10,
  timeoutMs: 10,
  weight,
  fetch: () => [],
});

const candidate = (id: string, sources: string[], ranks: number[]): Candidate => ({
  itemId: id,
  entry: {
    item: {
      id,
      creatorId: 'c',
      caption: '',
      hashtags: [],
      durationMs: 1000,
      createdAt: '2026-01-01T00:00:00Z',
    },
    createdAtMs: 0,
    seq: 0,
    ordinal: 0,
  },
  source: sources[0]!,
  sourceRank: ranks[0]!,
  sources,
  sourceScores: ranks.map(() => 1),
  sourceRanks: ranks,
  features: {},
  score: 0,
});

describe('RecallFusionHydrator', () => {
  it("sums each source's weighted reciprocal rank, scaled to the request's best", () => {
    const fusion = new RecallFusionHydrator([source('a', 2), source('b', 1)]);
    const both = candidate('both', ['a', 'b'], [3, 0]);
    const onlyB = candidate('onlyB', ['b'], [1]);
    fusion.hydrate({} as FeedQuery, [both, onlyB]);
    const raw = { both: 2 * fusionTerm(3) + fusionTerm(0), onlyB: fusionTerm(1) };
    expect(both.features.recall_rrf).toBe(1);
    expect(onlyB.features.recall_rrf).toBeCloseTo(raw.onlyB / raw.both, 12);
  });
});
