import { describe, expect, it } from 'vitest';
import { MostPopularRecommender, type Recommender } from '../models/index.js';
import { evaluateModel } from './evaluate.js';
import { loadDataset } from './loaders/index.js';
import { formatResultsTable, runEvaluation } from './run.js';
import { splitByProtocol } from './protocols.js';
import { ml100kDir } from './testing.js';
import { fromTuples, pairs } from './testing-data.js';
import { selectRows } from './interactions.js';

describe('evaluateModel', () => {
  // items a..e; popularity in train: a 3, b 2, c 1
  const all = fromTuples([
    ['u1', 'a', 5], ['u2', 'a', 5], ['u3', 'a', 5], ['u2', 'b', 5], ['u3', 'b', 5], ['u3', 'c', 5],
    ['u1', 'b', 5], ['u1', 'c', 2], ['u2', 'c', 4], ['u2', 'd', 5],
  ]); // prettier-ignore
  const split = { train: selectRows(all, [0, 1, 2, 3, 4, 5]), test: selectRows(all, [6, 7, 8, 9]) };

  it('ranks unseen train items only and averages over users with relevant test items', () => {
    const result = evaluateModel(new MostPopularRecommender(), split, { k: 1 });
    // u1 (seen a) gets b: hit; u2 (seen a, b) gets c: hit of {c, d}; u3 has no test items
    expect(pairs(split.test)).toEqual(['u1:b', 'u1:c', 'u2:c', 'u2:d']);
    expect(result.users).toBe(2);
    expect(result.precision).toBe(1);
    expect(result.recall).toBeCloseTo(0.5, 12);
    expect(result.coverage).toBeCloseTo(2 / 3, 12);
  });

  it('counts only test items rated at least relevantMinRating as relevant', () => {
    const result = evaluateModel(new MostPopularRecommender(), split, { k: 1, relevantMinRating: 4 });
    expect(result.users).toBe(2);
    expect(result.recall).toBeCloseTo((1 + 0.5) / 2, 12);
  });

  it('never recommends items seen in train or validation', () => {
    // prefers items in index order a, b, c, d
    const byIndex: Recommender = {
      name: 'by-index',
      fit: () => {},
      scoreUser: (_u, out) => out.forEach((_, i) => (out[i] = -i)),
    };
    const test = selectRows(all, [7, 8, 9]);
    // u1 saw a in train, b in validation: gets c (a hit); without the validation exclusion, b (a miss)
    const withValid = evaluateModel(
      byIndex,
      { train: split.train, valid: selectRows(all, [6]), test },
      { k: 1 },
    );
    expect(withValid.hit).toBe(1);
    const withoutValid = evaluateModel(byIndex, { train: split.train, test }, { k: 1 });
    expect(withoutValid.hit).toBe(0.5);
  });
});

describe('MovieLens 100K, MSR protocol', () => {
  it('puts item-knn near the published SAR figure and above most-popular, quickly', () => {
    const started = performance.now();
    const report = runEvaluation({
      data: loadDataset(ml100kDir()),
      protocol: 'msr',
      models: ['random', 'most-popular', 'item-knn'],
      k: 10,
      seed: 42,
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    const [random, popular, knn] = report.results;
    expect(report.split).toEqual({ train: 74646, test: 25354 });
    expect(knn!.ndcg).toBeGreaterThan(0.3);
    expect(knn!.ndcg).toBeLessThan(0.45);
    expect(knn!.ndcg).toBeGreaterThan(popular!.ndcg);
    expect(popular!.ndcg).toBeGreaterThan(random!.ndcg);
    expect(random!.ndcg).toBeLessThan(0.05);
    expect(formatResultsTable(report)).toMatch(/\| item-knn +\| 0\.\d{4} /);
  });

  it('splits every protocol with train and test sharing the index space', () => {
    const data = loadDataset(ml100kDir());
    for (const protocol of ['msr', 'recbole', 'temporal', 'leave-last'] as const) {
      const split = splitByProtocol(data, protocol, 42);
      expect(split.train.nItems).toBe(data.nItems);
      expect(split.train.length + (split.valid?.length ?? 0) + split.test.length).toBe(100_000);
    }
  });
});
