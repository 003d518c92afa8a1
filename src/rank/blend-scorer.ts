// The first scorer: a weighted blend of trending (normalised to the best candidate), freshness, and
// how strongly recall proposed the candidate (reciprocal-rank fusion, features.ts).
import { contribute, type Candidate, type FeedQuery, type Scorer } from '../core/index.js';

export interface BlendWeights {
  trending: number;
  freshness: number;
  recall: number;
}

export class BlendScorer implements Scorer {
  readonly name = 'blend';

  constructor(private readonly weights: BlendWeights) {}

  score(query: FeedQuery, candidates: Candidate[]): void {
    let maxTrending = 0;
    for (const c of candidates) maxTrending = Math.max(maxTrending, c.features.trending ?? 0);
    const w = this.weights;
    for (const c of candidates) {
      const trending =
        w.trending * (maxTrending > 0 ? Math.max(0, c.features.trending ?? 0) / maxTrending : 0);
      const freshness = w.freshness * (c.features.freshness ?? 0);
      const recall = w.recall * (c.features.recall_rrf ?? 0);
      c.score = trending + freshness + recall;
      if (query.request.explain) {
        contribute(query, c, 'blend:trending', trending);
        contribute(query, c, 'blend:freshness', freshness);
        contribute(query, c, 'blend:recall', recall);
      }
    }
  }
}
