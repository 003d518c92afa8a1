// Item features every candidate gets, whichever source found it: duration, age, freshness, trending
// score, and from the windowed counters (when given) trending velocity, the 1 h / 24 h / 7 d watch
// ratio, the 7 d completion and like rates and the 24 h / 7 d quick-skip rates (smoothed towards the
// catalog's).
import { type Candidate, type CandidateSource, type FeatureHydrator, type FeedQuery } from '../core/index.js';
import type { ItemStatsStore, ItemWindowsStore } from '../store/index.js';

export class ItemFeatureHydrator implements FeatureHydrator {
  readonly name = 'item_features';

  constructor(
    private readonly stats: ItemStatsStore,
    private readonly freshnessHalfLifeMs: number,
    private readonly windows?: ItemWindowsStore,
  ) {}

  hydrate(query: FeedQuery, candidates: Candidate[]): void {
    const now = query.request.now;
    for (const c of candidates) {
      const ageMs = Math.max(0, now - c.entry.createdAtMs);
      c.features.duration_s = c.entry.item.durationMs / 1000;
      c.features.age_hours = ageMs / 3_600_000;
      c.features.freshness = Math.pow(0.5, ageMs / this.freshnessHalfLifeMs);
      c.features.trending = this.stats.scoreAtOrdinal(c.entry.ordinal, now);
      if (!this.windows) continue;
      // Memoised per item until its windows change: microseconds for a few hundred candidates.
      const { velocity, quality } = this.windows.features(c.itemId, now);
      c.features.velocity = velocity;
      c.features.watch_ratio_1h = quality.h1.watchRatio;
      c.features.watch_ratio_24h = quality.h24.watchRatio;
      c.features.watch_ratio_7d = quality.d7.watchRatio;
      c.features.completion_7d = quality.d7.completionRate;
      c.features.like_rate_7d = quality.d7.likeRate;
      c.features.skip_rate_24h = quality.h24.skipRate;
      c.features.skip_rate_7d = quality.d7.skipRate;
    }
  }
}

/** Reciprocal-rank fusion's constant: how much the top few ranks of a source stand out. */
const RRF_K = 60;

/** A source's contribution for a candidate at `rank` (0 = its best), before the source's weight. */
export function fusionTerm(rank: number): number {
  return 1 / (RRF_K + rank);
}

/**
 * How strongly recall as a whole proposes a candidate: reciprocal-rank fusion over every source
 * that found it, Σ weight / (60 + rank), from each source's rank of it (`Candidate.sourceRanks`). A video
 * that several sources rank high scores highest, whatever each source's own score scale.
 */
export class RecallFusionHydrator implements FeatureHydrator {
  readonly name = 'recall_fusion';
  private readonly weights: Map<string, number>;

  constructor(sources: readonly CandidateSource[]) {
    this.weights = new Map(sources.map((s) => [s.name, s.weight]));
  }

  hydrate(_query: FeedQuery, candidates: Candidate[]): void {
    let max = 0;
    for (const c of candidates) {
      let rrf = 0;
      for (let i = 0; i < c.sources.length; i++)
        rrf += (this.weights.get(c.sources[i]!) ?? 1) * fusionTerm(c.sourceRanks[i]!);
      c.features.recall_rrf = rrf;
      max = Math.max(max, rrf);
    }
    // Scaled to the request's best, so the blend weight means the same at any number of sources.
    if (max > 0) for (const c of candidates) c.features.recall_rrf! /= max;
  }
}
