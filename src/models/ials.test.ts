import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/random.js';
import { CgScratch, IalsRecommender, conjugateGradientRow, gramian, weightedRows } from './ials.js';
import { solveSpd } from './linalg.js';
import { createModel } from './registry.js';
import { recommend } from './topk.js';
import { plantedBlocks, seenItems, trainingData } from './testing.js';

describe('iALS', () => {
  it('weightedRows sums repeated interactions and sorts columns', () => {
    const rows = weightedRows(trainingData([[0, 2, 1], [0, 1, 3], [0, 2, 4], [1, 0, 2]], 2, 3), 'user'); // prettier-ignore
    expect([...rows.offsets]).toEqual([0, 2, 3]);
    expect([...rows.cols]).toEqual([1, 2, 0]);
    expect([...rows.values]).toEqual([3, 5, 2]);
    expect([
      ...weightedRows(
        trainingData(
          [
            [0, 2, 1],
            [0, 2, 4],
          ],
          1,
          3,
        ),
        'user',
        true,
      ).values,
    ]).toEqual([1]);
  });

  it('CG matches a direct solve of the normal equations', () => {
    const f = 6;
    const nOther = 15;
    const lambda = 0.7;
    const rand = mulberry32(11);
    const other = Float32Array.from({ length: nOther * f }, () => rand() - 0.5);
    const cols = Int32Array.of(1, 4, 5, 9, 13);
    const conf = Float32Array.of(2, 0.5, 4, 1, 3); // c - 1
    // A = YᵀY + λI + Σ (c-1) y yᵀ, b = Σ c y, formed explicitly
    const a = gramian(other, nOther, f, lambda);
    const b = new Float64Array(f);
    cols.forEach((col, t) => {
      for (let p = 0; p < f; p++) {
        b[p]! += (1 + conf[t]!) * other[col * f + p]!;
        for (let q = 0; q < f; q++) a[p * f + q]! += conf[t]! * other[col * f + p]! * other[col * f + q]!;
      }
    });
    const exact = solveSpd(a, b, f);
    const target = new Float32Array(2 * f); // row 1 is solved, row 0 must stay untouched
    const scratch = new CgScratch(f);
    const gram = gramian(other, nOther, f, lambda);
    const residual = () => {
      let s = 0;
      for (let p = 0; p < f; p++) {
        let ax = 0;
        for (let q = 0; q < f; q++) ax += a[p * f + q]! * target[f + q]!;
        s += (b[p]! - ax) ** 2;
      }
      return Math.sqrt(s);
    };
    const r0 = residual();
    conjugateGradientRow(gram, other, cols, conf, 0, cols.length, target, 1, 2, scratch);
    const r2 = residual();
    expect(r2).toBeLessThan(r0);
    // in exact arithmetic CG converges in f steps; warm-started further steps only polish it
    conjugateGradientRow(gram, other, cols, conf, 0, cols.length, target, 1, f, scratch);
    for (let p = 0; p < f; p++) expect(target[f + p]).toBeCloseTo(exact[p]!, 5);
    expect([...target.subarray(0, f)]).toEqual(new Array(f).fill(0));
  });

  it('decreases the loss at every sweep', () => {
    const train = plantedBlocks(40, 20, 6, 3);
    const model = new IalsRecommender({ factors: 4, iterations: 8, lambda: 1, alpha: 2, cgSteps: 3 }, true);
    model.fit(train);
    const losses = model.lossHistory;
    expect(losses).toHaveLength(8);
    for (let t = 1; t < losses.length; t++)
      expect(losses[t]!).toBeLessThanOrEqual(losses[t - 1]! * (1 + 1e-6));
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]! * 0.99);
  });

  it('is deterministic for a seed', () => {
    const train = plantedBlocks(20, 10, 3, 4);
    const fit = (seed: number) => {
      const m = new IalsRecommender({ factors: 3, iterations: 3, seed });
      m.fit(train);
      return m.factors();
    };
    expect(fit(5)).toEqual(fit(5));
    expect(fit(5).users).not.toEqual(fit(6).users);
  });

  it('recovers a planted rank-2 (two-group) preference', () => {
    const nUsers = 40;
    const nItems = 20;
    const train = plantedBlocks(nUsers, nItems, 6, 9);
    const model = createModel('ials', { seed: 1, ials: { factors: 2, iterations: 10, lambda: 1, alpha: 2 } });
    model.fit(train);
    const seen = seenItems(train);
    for (let u = 0; u < nUsers; u++) {
      const top = recommend(model, u, 4, nItems, seen[u]);
      const inGroup = (i: number) => (u < nUsers / 2 ? i < nItems / 2 : i >= nItems / 2);
      expect([...top].every(inGroup)).toBe(true);
    }
  });

  it('validates its options and scores unknown users as zero', () => {
    expect(() => new IalsRecommender({ factors: 0 })).toThrow(RangeError);
    expect(() => new IalsRecommender({ cgSteps: 0 })).toThrow(RangeError);
    const model = new IalsRecommender({ factors: 2, iterations: 1 });
    model.fit(plantedBlocks(4, 4, 1, 1));
    const out = new Float32Array(4).fill(3);
    model.scoreUser(9, out);
    expect([...out]).toEqual([0, 0, 0, 0]);
  });
});
