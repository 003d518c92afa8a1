import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { auc } from '../eval/metrics/index.js';
import { decodeArtifact, encodeArtifact } from './artifact.js';
import { FactorizationMachine, fmOptions } from './fm.js';
import { FtrlModel, sigmoid, type SparseVector } from './ftrl.js';
import { encodeFeatures } from './multi-task-ftrl.js';

/** A sparse vector on distinct random coordinates with values in [-2, 2]. */
function randomVector(rng: Rng, bits: number, nnz: number): SparseVector {
  const indices = new Set<number>();
  while (indices.size < nnz) indices.add(rng.int(1 << bits));
  return { indices: [...indices], values: [...indices].map(() => rng.uniform(-2, 2)) };
}

function logLoss(fm: FactorizationMachine, x: SparseVector, y: number): number {
  const p = fm.predict(x);
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}

describe('factorisation machine', () => {
  it('the sum-square margin equals the pairwise definition w0 + Σ w_i x_i + Σ_{i<j} <v_i, v_j> x_i x_j', () => {
    const rng = new Rng(1);
    const fm = new FactorizationMachine({ bits: 8, factors: 5, initStd: 0.3 });
    for (let i = 0; i < 20; i++) fm.update(randomVector(rng, 8, 6), rng.int(2));
    const x = randomVector(rng, 8, 7);
    const k = 5;
    let naive = fm.bias;
    for (let a = 0; a < 7; a++) {
      const i = x.indices[a]!;
      naive += fm.linear[i]! * x.values[a]!;
      for (let b = a + 1; b < 7; b++) {
        const j = x.indices[b]!;
        let dot = 0;
        for (let f = 0; f < k; f++) dot += fm.factors[i * k + f]! * fm.factors[j * k + f]!;
        naive += dot * x.values[a]! * x.values[b]!;
      }
    }
    expect(fm.margin(x)).toBeCloseTo(naive, 10);
  });

  it('gradients match central finite differences of the log loss', () => {
    const rng = new Rng(2);
    const fm = new FactorizationMachine({ bits: 6, factors: 3, initStd: 0.5 });
    for (let i = 0; i < 10; i++) fm.update(randomVector(rng, 6, 4), rng.int(2));
    const x = randomVector(rng, 6, 5);
    for (const y of [0, 1]) {
      const g = fm.gradient(x, y);
      // perturbs one float32 parameter by ±h, divides by the step actually stored
      const numeric = (params: Float32Array, at: number): number => {
        const original = params[at]!;
        params[at] = original + 1e-2;
        const up = params[at]!;
        const lossUp = logLoss(fm, x, y);
        params[at] = original - 1e-2;
        const down = params[at]!;
        const lossDown = logLoss(fm, x, y);
        params[at] = original;
        return (lossUp - lossDown) / (up - down);
      };
      const bias = fm.bias;
      fm.bias = bias + 1e-4;
      const lossUp = logLoss(fm, x, y);
      fm.bias = bias - 1e-4;
      const lossDown = logLoss(fm, x, y);
      fm.bias = bias;
      expect(g.bias).toBeCloseTo((lossUp - lossDown) / 2e-4, 5);
      expect(g.bias).toBeCloseTo(sigmoid(fm.margin(x)) - y, 12);
      for (let t = 0; t < 5; t++) {
        const i = x.indices[t]!;
        expect(g.linear[t]).toBeCloseTo(numeric(fm.linear, i), 3);
        for (let f = 0; f < 3; f++)
          expect(g.factors[t * 3 + f]).toBeCloseTo(numeric(fm.factors, i * 3 + f), 3);
      }
    }
  });

  it('learns pure pairwise interactions (XOR of two fields) that logistic regression cannot', () => {
    // label = parity of (a + b) for fields a, b in 0..3, two more fields of noise, 2% labels flipped:
    // every single feature value is positive half the time, so a linear model sees nothing
    const rng = new Rng(3);
    const make = (n: number) => {
      const xs: SparseVector[] = [];
      const ys: number[] = [];
      for (let s = 0; s < n; s++) {
        const [a, b, c, d] = [rng.int(4), rng.int(4), rng.int(4), rng.int(4)];
        const input = {
          numeric: {},
          categorical: { a: String(a), b: String(b), c: String(c), d: String(d) },
        };
        xs.push(encodeFeatures(input, 12));
        ys.push(((a + b) % 2 === 0) !== rng.chance(0.02) ? 1 : 0);
      }
      return { xs, ys };
    };
    const train = make(6000);
    const test = make(3000);
    const fm = new FactorizationMachine({ bits: 12, factors: 4, learningRate: 0.1, initStd: 0.1 }).fit(
      train.xs,
      train.ys,
      8,
    );
    const lr = new FtrlModel({ bits: 12, alpha: 0.1, l1: 0, l2: 1 });
    for (let e = 0; e < 8; e++) train.xs.forEach((x, i) => lr.update(x, train.ys[i]!));
    const aucFm = auc(
      test.ys,
      test.xs.map((x) => fm.predict(x)),
    );
    const aucLr = auc(
      test.ys,
      test.xs.map((x) => lr.predict(x)),
    );
    expect(aucFm).toBeGreaterThan(0.95);
    expect(aucLr).toBeLessThan(0.6);
  });

  it('its artifact holds the exact state: reloaded, it predicts and goes on learning the same', () => {
    const rng = new Rng(4);
    const data = Array.from({ length: 400 }, () => randomVector(rng, 10, 5));
    const labels = data.map(() => rng.int(2));
    const a = new FactorizationMachine({ bits: 10, factors: 4, seed: 7 }).fit(
      data.slice(0, 200),
      labels.slice(0, 200),
      2,
    );
    const b = FactorizationMachine.fromArtifact(
      decodeArtifact(Buffer.concat(encodeArtifact(a.toArtifact()))),
    );
    expect(b.options).toEqual(a.options);
    for (const x of data) expect(b.predict(x)).toBe(a.predict(x));
    a.fit(data.slice(200), labels.slice(200), 1);
    b.fit(data.slice(200), labels.slice(200), 1);
    for (const x of data) expect(b.predict(x)).toBe(a.predict(x));
  });

  it('rejects bad options', () => {
    expect(() => fmOptions({ factors: 0 })).toThrow(/factors/);
    expect(() => fmOptions({ learningRate: -1 })).toThrow(/learningRate/);
    expect(() => fmOptions({ bits: 40 })).toThrow(/bits/);
  });
});
