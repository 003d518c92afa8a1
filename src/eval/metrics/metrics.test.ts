import { describe, expect, it } from 'vitest';
import {
  RankingAccumulator,
  auc,
  catalogCoverage,
  concordance,
  cooccurrenceCosine,
  featureCosine,
  gauc,
  intraListDiversity,
  logloss,
  mae,
  novelty,
  rmse,
  userRankingMetrics,
} from './index.js';

describe('ranking metrics (Microsoft Recommenders definitions)', () => {
  it('scores a list with hits at ranks 2 and 4 out of 3 relevant items', () => {
    const m = userRankingMetrics([5, 1, 7, 2], new Set([1, 2, 9]), 4);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    // dcg = 1/log2(3) + 1/log2(5) = 1.0616064; idcg = 1 + 1/log2(3) + 1/log2(4) = 2.1309298
    expect(m.ndcg).toBeCloseTo(0.4981893, 6);
    // (1/2 + 2/4) / 3
    expect(m.map).toBeCloseTo(1 / 3, 12);
    expect(m.mapAtK).toBeCloseTo(1 / 3, 12);
    expect(m.hit).toBe(1);
    expect(m.mrr).toBe(0.5);
  });

  it('divides MAP by all relevant items and MAP@k by min(relevant, k)', () => {
    const m = userRankingMetrics([5, 1], new Set([1, 2, 9]), 2);
    expect(m.map).toBeCloseTo(1 / 6, 12);
    expect(m.mapAtK).toBeCloseTo(1 / 4, 12);
    // (1/log2 3) / (1 + 1/log2 3)
    expect(m.ndcg).toBeCloseTo(0.3868528, 6);
  });

  it('divides precision by k even when fewer than k items were ranked', () => {
    const m = userRankingMetrics([1], new Set([1]), 10);
    expect(m.precision).toBe(0.1);
    expect(m.recall).toBe(1);
    expect(m.ndcg).toBe(1);
  });

  it('gives zeros without a hit and averages over users', () => {
    const miss = userRankingMetrics([3, 4], new Set([1]), 2);
    expect(miss).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0, mapAtK: 0, hit: 0, mrr: 0 });
    const acc = new RankingAccumulator();
    acc.add(miss);
    acc.add(userRankingMetrics([1, 4], new Set([1]), 2));
    expect(acc.mean().hit).toBe(0.5);
    expect(acc.mean().precision).toBe(0.25);
    expect(() => userRankingMetrics([1], new Set(), 1)).toThrow(RangeError);
  });
});

describe('classification metrics', () => {
  it('computes AUC with ties counting half', () => {
    expect(auc([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1])).toBe(0.75);
    expect(auc([1, 0], [0.5, 0.5])).toBe(0.5);
    expect(auc([1, 1], [0.5, 0.2])).toBeNaN();
  });

  it('weights per-user AUC by impressions and skips single-class users', () => {
    const users = [0, 0, 0, 0, 1, 1, 2, 2, 2];
    const labels = [1, 0, 1, 0, 1, 0, 1, 1, 1];
    const scores = [0.9, 0.8, 0.3, 0.1, 0.2, 0.7, 0.1, 0.2, 0.3];
    expect(gauc(users, labels, scores)).toBeCloseTo((4 * 0.75 + 2 * 0) / 6, 12);
  });

  it('orders pairs of a graded target (concordance): the AUC on 0/1, brute force on ties and grades', () => {
    expect(concordance([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1])).toBe(0.75);
    // pairs (target higher first): (3,1) (3,2) (3,2') (2,1) (2',1); (2, 2') ties in target, not a pair
    expect(concordance([3, 1, 2, 2], [0.5, 0.1, 0.5, 0.05])).toBeCloseTo((0.5 + 1 + 1 + 1 + 0) / 5, 12);
    expect(concordance([1, 1], [0.2, 0.9])).toBeNaN();
    const targets = Array.from({ length: 300 }, (_, i) => (i * 7919) % 13);
    const scores = targets.map((t, i) => t + ((i * 104729) % 17) / 2);
    let c = 0;
    let pairs = 0;
    for (let i = 0; i < 300; i++)
      for (let j = 0; j < 300; j++)
        if (targets[i]! > targets[j]!) {
          pairs++;
          c += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
    expect(concordance(targets, scores)).toBeCloseTo(c / pairs, 12);
    const binary = targets.map((t) => (t > 6 ? 1 : 0));
    expect(concordance(binary, scores)).toBeCloseTo(auc(binary, scores), 12);
    // per user, weighted by impressions
    expect(gauc([0, 0, 0, 1, 1], [3, 1, 2, 5, 5], [1, 2, 3, 1, 2], concordance)).toBeCloseTo(1 / 3, 12);
  });

  it('computes logloss with clipping', () => {
    expect(logloss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(logloss([1], [0])).toBeCloseTo(-Math.log(1e-15), 6);
    // a soft label: the cross-entropy against a Bernoulli of that mean, least at p = y
    expect(logloss([0.3], [0.3])).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 12);
    expect(logloss([0.3], [0.5])).toBeGreaterThan(logloss([0.3], [0.3]));
    expect(() => logloss([2], [0.5])).toThrow(/not in \[0, 1\]/);
  });
});

describe('rating metrics', () => {
  it('computes RMSE and MAE', () => {
    expect(rmse([3, 4, 5], [2, 4, 7])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(mae([3, 4, 5], [2, 4, 7])).toBe(1);
  });
});

describe('beyond-accuracy metrics', () => {
  it('computes catalog coverage', () => {
    expect(
      catalogCoverage(
        [
          [0, 1],
          [1, 2],
        ],
        10,
      ),
    ).toBeCloseTo(0.3, 12);
  });

  it('computes novelty as mean self-information of recommended slots', () => {
    expect(
      novelty(
        [
          [0, 1],
          [2, 3],
        ],
        [4, 2, 1, 0],
        4,
      ),
    ).toBeCloseTo((0 + 1 + 2 + 2) / 4, 12);
  });

  it('computes intra-list diversity from feature cosine and co-occurrence cosine', () => {
    const sim = featureCosine([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(sim(0, 2)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(intraListDiversity([[0, 1, 2]], sim)).toBeCloseTo((1 + 2 * (1 - Math.SQRT1_2)) / 3, 12);
    const co = cooccurrenceCosine([Int32Array.of(0, 1, 2), Int32Array.of(1, 2), Int32Array.of()]);
    expect(co(0, 1)).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(co(0, 2)).toBe(0);
  });
});
