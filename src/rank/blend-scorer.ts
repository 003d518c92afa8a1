// The first scorer: a weighted blend of trending (normalised to the best candidate), freshness, and
// how strongly recall proposed the candidate (reciprocal-rank fusion, features.ts).
import type { Candidate, FeedQuery, Scorer } from '../core/index.js';

export interface BlendWeights {
  trending: number;
  freshness: number;
  recall: number;
}

export class BlendScorer implements Scorer {
  readonly name = 'blend';

  constructor(private readonly weights: BlendWeights) {}

  score(_query: FeedQuery, candidates: Candidate[]): void {
    let maxTrending = 0;
    for (const c of candidates) maxTrending = Math.max(maxTrending, c.features.trending ?? 0);
    for (const c of candidates) {
      const trending = maxTrending > 0 ? Math.max(0, c.features.trending ?? 0) / maxTrending : 0;
      c.score =
        this.weights.trending * trending +
        this.weights.freshness * (c.features.freshness ?? 0) +
        this.weights.recall * (c.features.recall_rrf ?? 0);
    }
  }
}
