import { describe, expect, it } from 'vitest';
import { BprRecommender } from './bpr.js';
import { createModel } from './registry.js';
import { plantedBlocks, seenItems, trainingData } from './testing.js';
import { recommend } from './topk.js';
import type { TrainingData } from './types.js';

/** Fraction of (user, own positive, other item) pairs ordered correctly: BPR's training AUC. */
function trainingAuc(model: BprRecommender, train: TrainingData): number {
  const seen = seenItems(train);
  const scores = new Float32Array(train.nItems);
  let right = 0;
  let total = 0;
  for (let u = 0; u < train.nUsers; u++) {
    model.scoreUser(u, scores);
    for (const i of seen[u]!) {
      for (let j = 0; j < train.nItems; j++) {
        if (seen[u]!.has(j)) continue;
        total++;
        if (scores[i]! > scores[j]!) right++;
      }
    }
  }
  return right / total;
}

const small = { factors: 4, epochs: 60, learningRate: 0.05, regUser: 0.01, regItem: 0.01, regBias: 0.01 };

describe('bpr', () => {
  it('ranks the unseen items of a user’s own block above every item of the other block', () => {
    const nUsers = 40;
    const nItems = 20;
    const train = plantedBlocks(nUsers, nItems, 6, 9);
    const model = createModel('bpr', { seed: 1, bpr: small });
    model.fit(train);
    const seen = seenItems(train);
    const scores = new Float32Array(nItems);
    for (let u = 0; u < nUsers; u++) {
      const own = (i: number) => (u < nUsers / 2 ? i < nItems / 2 : i >= nItems / 2);
      model.scoreUser(u, scores);
      const ownUnseen = [...Array(nItems).keys()].filter((i) => own(i) && !seen[u]!.has(i));
      const other = [...Array(nItems).keys()].filter((i) => !own(i));
      expect(Math.min(...ownUnseen.map((i) => scores[i]!))).toBeGreaterThan(
        Math.max(...other.map((i) => scores[i]!)),
      );
      // and so the top of the list, seen items excluded, is the rest of the own block
      expect([...recommend(model, u, 4, nItems, seen[u])].every(own)).toBe(true);
    }
  });

  it('orders training pairs correctly (AUC > 0.9)', () => {
    const train = plantedBlocks(60, 30, 8, 2);
    const model = new BprRecommender({ ...small, factors: 8, seed: 3 });
    model.fit(train);
    expect(trainingAuc(model, train)).toBeGreaterThan(0.9);
    const untrained = new BprRecommender({ ...small, factors: 8, seed: 3, epochs: 0 });
    untrained.fit(train);
    expect(trainingAuc(untrained, train)).toBeLessThan(0.7);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const train = plantedBlocks(20, 10, 3, 4);
    const fit = (seed: number) => {
      const m = new BprRecommender({ ...small, epochs: 5, seed });
      m.fit(train);
      return m.parameters();
    };
    expect(fit(5)).toEqual(fit(5));
    expect(fit(5).users).not.toEqual(fit(6).users);
  });

  it('counts only ratings at or above the threshold as positives', () => {
    // user 0 rated items 0, 1 high and 2, 3 low; user 1 rated 2, 3 high: with threshold 4, items 2
    // and 3 are positives of user 1 only, so for user 0 they are negatives, ranked below 0 and 1
    const rows: [number, number, number][] = [];
    for (let u = 0; u < 10; u++) rows.push([u, 0, 5], [u, 1, 5], [u, 2, 1], [u, 3, 1]);
    for (let u = 10; u < 20; u++) rows.push([u, 2, 5], [u, 3, 5]);
    const train = trainingData(rows, 20, 6);
    const model = new BprRecommender({ ...small, threshold: 4, seed: 2 });
    model.fit(train);
    const scores = new Float32Array(6);
    model.scoreUser(0, scores);
    expect(Math.min(scores[0]!, scores[1]!)).toBeGreaterThan(Math.max(scores[2]!, scores[3]!));
  });

  it('validates its options, and scores an unknown user by the item biases', () => {
    expect(() => new BprRecommender({ factors: 0 })).toThrow(/factors/);
    expect(() => new BprRecommender({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new BprRecommender({ regItem: -1 })).toThrow(/regItem/);
    expect(() => new BprRecommender({ epochs: 1.5 })).toThrow(/epochs/);
    const model = new BprRecommender({ ...small, epochs: 3 });
    model.fit(plantedBlocks(6, 4, 1, 1));
    const out = new Float32Array(4).fill(3);
    model.scoreUser(99, out);
    expect([...out]).toEqual([...model.parameters().bias]);
    // no positives at all: nothing to learn, no error
    const empty = new BprRecommender({ ...small, threshold: 10 });
    empty.fit(plantedBlocks(6, 4, 1, 1));
    expect([...empty.parameters().bias]).toEqual([0, 0, 0, 0]);
  });
});
