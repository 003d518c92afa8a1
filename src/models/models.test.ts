import { describe, expect, it } from 'vitest';
import { ItemKnnRecommender } from './item-knn.js';
import { MostPopularRecommender } from './most-popular.js';
import { RandomRecommender } from './random.js';
import { createModel } from './registry.js';
import { recommend, topK } from './topk.js';
import { trainingData } from './testing.js';

// u0 {0,1}, u1 {0,1,2}, u2 {2,3}: sim(0,1) = 1, sim(0,2) = sim(1,2) = 1/2, sim(2,3) = 1/sqrt 2
const small = trainingData([[0, 0], [0, 1], [1, 0], [1, 1], [1, 2], [2, 2], [2, 3], [2, 3]], 3, 4); // prettier-ignore

describe('topK', () => {
  it('returns the k best, best first, lower index first on ties, honouring skips and candidates', () => {
    const scores = Float32Array.of(0.1, 0.9, 0.5, 0.9, 0.3, 0.7);
    expect([...topK(scores, 3)]).toEqual([1, 3, 5]);
    expect([...topK(scores, 10)]).toEqual([1, 3, 5, 2, 4, 0]);
    expect([...topK(scores, 2, Uint8Array.of(0, 1, 0, 0, 0, 0))]).toEqual([3, 5]);
    expect([...topK(scores, 2, undefined, Int32Array.of(0, 2, 4))]).toEqual([2, 4]);
    expect([...topK(scores, 0)]).toEqual([]);
  });

  it('matches a full sort on random input', () => {
    const scores = Float32Array.from({ length: 500 }, (_, i) => ((i * 7919) % 101) / 101);
    const sorted = Array.from({ length: 500 }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    expect([...topK(scores, 25)]).toEqual(sorted.slice(0, 25));
  });
});

describe('baselines', () => {
  it('most-popular ranks by training count and recommend() excludes seen items', () => {
    const model = new MostPopularRecommender();
    model.fit(small);
    expect([...recommend(model, 0, 2, 4)]).toEqual([0, 1]);
    expect([...recommend(model, 0, 2, 4, new Set([0, 1]))]).toEqual([2, 3]);
    expect([...recommend(model, 0, 1, 4, (i) => i === 0)]).toEqual([1]);
  });

  it('random is deterministic per seed and user, and differs across users', () => {
    const a = new RandomRecommender({ seed: 1 });
    const b = new RandomRecommender({ seed: 1 });
    const x = new Float32Array(50);
    const y = new Float32Array(50);
    a.scoreUser(3, x);
    b.scoreUser(3, y);
    expect(y).toEqual(x);
    b.scoreUser(4, y);
    expect(y).not.toEqual(x);
  });

  it('item-knn sums cosine similarities of neighbours over the history', () => {
    const model = new ItemKnnRecommender({ neighbours: 10 });
    model.fit(small);
    const out = new Float32Array(4);
    model.scoreUser(0, out);
    expect([...out].map((v) => Number(v.toFixed(4)))).toEqual([1, 1, 1, 0]);
    model.scoreUser(2, out);
    expect([...out].map((v) => Number(v.toFixed(4)))).toEqual([0.5, 0.5, 0.7071, 0.7071]);
    expect([...model.neighboursOf(2).items]).toEqual([3, 0, 1]);
  });

  it('item-knn keeps only k neighbours per item', () => {
    const model = new ItemKnnRecommender({ neighbours: 1 });
    model.fit(small);
    const out = new Float32Array(4);
    model.scoreUser(0, out);
    expect([...out]).toEqual([1, 1, 0, 0]);
    expect([...recommend(model, 2, 2, 4, new Set([2, 3]))]).toEqual([0, 1]);
  });

  it('creates models by name and rejects unknown names', () => {
    expect(createModel('item-knn').name).toBe('item-knn');
    expect(createModel('ials').name).toBe('ials');
    expect(createModel('bpr').name).toBe('bpr');
    expect(() => createModel('svd')).toThrow(/unknown model "svd"/);
  });
});
