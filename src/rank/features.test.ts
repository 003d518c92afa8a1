import { describe, expect, it } from 'vitest';
import type { Candidate, CandidateSource, FeedQuery } from '../core/index.js';
import { cand } from '../rerank/test-candidates.js';
import { RecallFusionHydrator, fusionTerm } from './features.js';

const source = (name: string, weight: number): CandidateSource => ({
  name,
  quota: 10,
  timeoutMs: 10,
  weight,
  fetch: () => [],
});

/** A candidate proposed by `sources` at `ranks`. */
const proposed = (id: string, sources: string[], ranks: number[]): Candidate => ({
  ...cand(id, 'c'),
  source: sources[0]!,
  sourceRank: ranks[0]!,
  sources,
  sourceScores: ranks.map(() => 1),
  sourceRanks: ranks,
});

describe('RecallFusionHydrator', () => {
  it("sums each source's weighted reciprocal rank, scaled to the request's best", () => {
    const fusion = new RecallFusionHydrator([source('a', 2), source('b', 1)]);
    const both = proposed('both', ['a', 'b'], [3, 0]);
    const onlyB = proposed('onlyB', ['b'], [1]);
    fusion.hydrate({} as FeedQuery, [both, onlyB]);
    const raw = { both: 2 * fusionTerm(3) + fusionTerm(0), onlyB: fusionTerm(1) };
    expect(both.features.recall_rrf).toBe(1);
    expect(onlyB.features.recall_rrf).toBeCloseTo(raw.onlyB / raw.both, 12);
  });
});
