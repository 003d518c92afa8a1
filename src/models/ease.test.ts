import { describe, expect, it } from 'vitest';
import { EaseRecommender, easeWeights, gramMatrix } from './ease.js';
import { createModel } from './registry.js';
import { binaryRows } from './sparse.js';
import { randomData } from './testing.js';

/** Gauss-Jordan with partial pivoting: an independent inverse to check against. */
function naiveInverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    for (let j = 0; j < 2 * n; j++) m[c]![j]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = m[r]![c]!;
      for (let j = 0; j < 2 * n; j++) m[r]![j]! -= factor * m[c]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

describe('ease', () => {
  const nUsers = 30;
  const nItems = 11;
  const lambda = 2.5;
  const train = randomData(nUsers, nItems, 0.35, 5);

  it('matches a brute-force B = I - P diag(1/diag P) and x_u B', () => {
    // dense binary X, XᵀX + λI, inverse, B, and scores, all by the textbook formulas
    const x = Array.from({ length: nUsers }, () => new Array<number>(nItems).fill(0));
    for (let r = 0; r < train.length; r++) x[train.user[r]!]![train.item[r]!] = 1;
    const g = Array.from({ length: nItems }, (_, i) =>
      Array.from(
        { length: nItems },
        (_, j) => x.reduce((s, row) => s + row[i]! * row[j]!, 0) + (i === j ? lambda : 0),
      ),
    );
    const p = naiveInverse(g);
    const bNaive = p.map((row, i) => row.map((v, j) => (i === j ? 0 : -v / p[j]![j]!)));

    const model = new EaseRecommender({ lambda });
    model.fit(train);
    for (let i = 0; i < nItems; i++) {
      const row = model.weightsOf(i);
      expect(row[i]).toBe(0);
      for (let j = 0; j < nItems; j++) expect(row[j]).toBeCloseTo(bNaive[i]![j]!, 5);
    }
    const out = new Float32Array(nItems);
    for (const u of [0, 7, 29]) {
      model.scoreUser(u, out);
      for (let j = 0; j < nItems; j++) {
        const naive = x[u]!.reduce((s, xi, i) => s + xi * bNaive[i]![j]!, 0);
        expect(out[j]).toBeCloseTo(naive, 4);
      }
    }
  });

  it('computes the Gram matrix of the de-duplicated binary matrix', () => {
    const g = gramMatrix(binaryRows(train, 'user'), nItems);
    const counts = new Array<number>(nItems).fill(0);
    const seen = new Set<number>();
    for (let r = 0; r < train.length; r++) {
      const key = train.user[r]! * nItems + train.item[r]!;
      if (!seen.has(key)) counts[train.item[r]!]!++;
      seen.add(key);
    }
    for (let i = 0; i < nItems; i++) expect(g[i * nItems + i]).toBe(counts[i]);
  });

  it('handles items nobody interacted with and unknown users', () => {
    const b = easeWeights(new Float64Array(4), 2, 1);
    expect([...b].every((v) => v === 0)).toBe(true);
    const model = createModel('ease');
    model.fit(train);
    const out = new Float32Array(nItems).fill(9);
    model.scoreUser(nUsers + 5, out);
    expect([...out]).toEqual(new Array(nItems).fill(0));
    expect(() => new EaseRecommender({ lambda: 0 })).toThrow(/positive/);
  });
});
