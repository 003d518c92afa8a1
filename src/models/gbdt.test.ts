import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ArtifactError,
  createArtifact,
  decodeArtifact,
  encodeArtifact,
  loadArtifact,
  saveArtifact,
} from './artifact.js';
import {
  binMatrix,
  buildHistogram,
  localBin,
  quantileCuts,
  subtractHistogram,
  totalBins,
} from './gbdt-histogram.js';
import { gbdtOptions } from './gbdt-options.js';
import { GbdtModel, GBDT_MODEL } from './gbdt.js';
import { ModelRegistry } from './model-registry.js';
import { syntheticTabular } from './testing-data.js';

/** One-feature matrix. */
const column = (values: readonly number[]) => Float32Array.from(values);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('GBDT known answers', () => {
  it('a squared-error stump: the best split and leaf values computed by hand', () => {
    // base 0, so g = -y, h = 1: G = -14, H = 4, parent term G²/(H+λ) = 196/5 = 39.2.
    //   x < 2: 1/2 + 169/4 - 39.2 = 3.55      x < 3: 4/3 + 144/3 - 39.2 = 10.133
    //   x < 4: 49/4 + 49/2 - 39.2 = -2.45     so x < 3, leaves -(-2)/(2+1) = 2/3 and 12/3 = 4
    const model = GbdtModel.fit(column([1, 2, 3, 4]), 1, [1, 1, 5, 7], {
      objective: 'reg:squarederror',
      rounds: 1,
      eta: 1,
      maxDepth: 1,
      lambda: 1,
      minChildWeight: 0,
      baseScore: 0,
    });
    const t = model.trees;
    expect(Array.from(t.feature)).toEqual([0, -1, -1]);
    expect(t.threshold[0]).toBe(3);
    expect(t.value[t.left[0]!]).toBeCloseTo(2 / 3, 6);
    expect(t.value[t.right[0]!]).toBeCloseTo(4, 6);
    const p = model.predict(column([0.5, 2.9, 3, 100]));
    expect(Array.from(p).map((v) => Number(v.toFixed(5)))).toEqual([0.66667, 0.66667, 4, 4]);
  });

  it('a logistic stump: g = p - y and h = p(1 - p) at base score 0.5', () => {
    // g = 0.5 - y, h = 0.25: the split x < 3 puts G = 1, H = 0.5 left and G = -1, H = 0.5
    // right, leaves -1/1.5 and 1/1.5; eta 0.5 halves them.
    const model = GbdtModel.fit(column([1, 2, 3, 4]), 1, [0, 0, 1, 1], {
      rounds: 1,
      eta: 0.5,
      maxDepth: 1,
      lambda: 1,
      minChildWeight: 0,
      baseScore: 0.5,
    });
    const m = model.predictMargin(column([1, 4]));
    expect(m[0]).toBeCloseTo(-1 / 3, 6);
    expect(m[1]).toBeCloseTo(1 / 3, 6);
    const p = model.predict(column([1]));
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(1 / 3)), 6);
  });

  it('squared error converges to the mean: with no split and λ = 0, pred_R = μ(1 - (1 - η)^R)', () => {
    const y = [3, 5, 10, 2];
    const mu = 5;
    const x = column([7, 7, 7, 7]);
    const opts = {
      objective: 'reg:squarederror',
      eta: 0.3,
      lambda: 0,
      minChildWeight: 0,
      baseScore: 0,
    } as const;
    const five = GbdtModel.fit(x, 1, y, { ...opts, rounds: 5 }).predict(column([7]))[0]!;
    expect(five).toBeCloseTo(mu * (1 - 0.7 ** 5), 5);
    const many = GbdtModel.fit(x, 1, y, { ...opts, rounds: 80 }).predict(column([7]))[0]!;
    expect(many).toBeCloseTo(mu, 5);
    // and from the default base score (the mean) there is nothing left to learn
    const fromMean = GbdtModel.fit(x, 1, y, { objective: 'reg:squarederror', rounds: 3 });
    expect(fromMean.baseScore).toBe(mu);
    expect(fromMean.predict(column([7]))[0]).toBeCloseTo(mu, 6);
  });

  it('missing values follow the learned default direction, whichever side they resemble', () => {
    const x = column([1, 2, 3, 4, NaN, NaN]);
    const opts = {
      objective: 'reg:squarederror',
      rounds: 1,
      eta: 1,
      maxDepth: 1,
      lambda: 0,
      minChildWeight: 0,
      baseScore: 0,
    } as const;
    // missing rows look like the low ones: they go left with them
    const low = GbdtModel.fit(x, 1, [0, 0, 10, 10, 0, 0], opts);
    expect(low.trees.defaultLeft[0]).toBe(1);
    expect(low.trees.threshold[0]).toBe(3);
    expect(Array.from(low.predict(column([NaN, 1, 4])))).toEqual([0, 0, 10]);
    // like the high ones: right
    const high = GbdtModel.fit(x, 1, [0, 0, 10, 10, 10, 10], opts);
    expect(high.trees.defaultLeft[0]).toBe(0);
    expect(Array.from(high.predict(column([NaN, 1, 4])))).toEqual([10, 0, 10]);
    // missing apart from every value: the split is "present or not", missing alone on one side
    const apart = GbdtModel.fit(x, 1, [5, 5, 5, 5, -7, -7], opts);
    expect(Array.from(apart.predict(column([NaN, 1, 4])))).toEqual([-7, 5, 5]);
  });

  it('min_child_weight and gamma stop splits', () => {
    const x = column([1, 2, 3, 4]);
    const y = [1, 1, 5, 7];
    const base = {
      objective: 'reg:squarederror',
      rounds: 1,
      eta: 1,
      maxDepth: 1,
      lambda: 1,
      baseScore: 0,
    } as const;
    // every split leaves a child with hessian < 3
    expect(GbdtModel.fit(x, 1, y, { ...base, minChildWeight: 3 }).trees.feature[0]).toBe(-1);
    // the best halved gain is 10.133 / 2 = 5.067
    expect(GbdtModel.fit(x, 1, y, { ...base, minChildWeight: 0, gamma: 5 }).trees.feature[0]).toBe(0);
    expect(GbdtModel.fit(x, 1, y, { ...base, minChildWeight: 0, gamma: 5.1 }).trees.feature[0]).toBe(-1);
  });

  it('picks the informative feature and grows depth-wise to max_depth', () => {
    const d = syntheticTabular(2000, 16, 'reg:squarederror', 3);
    const model = GbdtModel.fit(d.x, d.nFeatures, d.y, {
      objective: 'reg:squarederror',
      rounds: 3,
      maxDepth: 3,
    });
    const t = model.trees;
    for (let i = 0; i < model.nTrees; i++) {
      const nodes = t.treeStart[i + 1]! - t.treeStart[i]!;
      expect(nodes).toBeLessThanOrEqual(15);
    }
    // columns 12 to 15 are noise: the root splits on a signal feature
    expect(t.feature[0]).toBeGreaterThanOrEqual(0);
    expect(t.feature[0]).toBeLessThan(12);
  });
});

describe('GBDT histograms', () => {
  it('cuts every distinct value into its own bin when they are few, bins [cut_{b-1}, cut_b)', () => {
    const x = column([5, 1, 3, 3, NaN, 1]);
    const cuts = quantileCuts(x, 6, 1, 256);
    expect(Array.from(cuts.values.subarray(0, 2))).toEqual([3, 5]);
    expect(cuts.values[2]).toBeCloseTo(5 + 5 + 1e-5, 5);
    expect(cuts.minValues[0]).toBe(1);
    expect([1, 2.9, 3, 5, 1e9, NaN].map((v) => localBin(cuts, 0, v))).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it('at most maxBin bins of about equal counts for many distinct values', () => {
    const n = 10_000;
    const x = Float32Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const cuts = quantileCuts(x, n, 1, 16);
    expect(cuts.ptr[1]).toBe(16);
    const counts = new Array<number>(17).fill(0);
    for (const v of x) counts[localBin(cuts, 0, v)]!++;
    for (let b = 0; b < 16; b++) expect(Math.abs(counts[b]! - n / 16)).toBeLessThanOrEqual(1);
  });

  it('subtraction gives the sibling the histogram built from its own rows', () => {
    const d = syntheticTabular(500, 12, 'binary:logistic', 4);
    const cuts = quantileCuts(d.x, d.nRows, d.nFeatures, 32);
    const bins = binMatrix(d.x, d.nRows, cuts);
    const grad = Float32Array.from({ length: d.nRows }, (_, r) => Math.sin(r));
    const hess = Float32Array.from({ length: d.nRows }, (_, r) => 1 + Math.cos(r) ** 2);
    const rows = Int32Array.from({ length: d.nRows }, (_, r) => r);
    const size = 2 * totalBins(cuts);
    const [parent, left, right] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
    buildHistogram(bins, d.nFeatures, rows, 0, d.nRows, grad, hess, parent);
    buildHistogram(bins, d.nFeatures, rows, 0, 200, grad, hess, left);
    buildHistogram(bins, d.nFeatures, rows, 200, d.nRows, grad, hess, right);
    subtractHistogram(parent, left);
    for (let i = 0; i < size; i++) expect(parent[i]).toBeCloseTo(right[i]!, 9);
    // every row lands in exactly one bin per feature, the missing one included
    let h = 0;
    for (let b = 0; b < totalBins(cuts); b++) h += left[2 * b + 1]!;
    let expected = 0;
    for (let r = 0; r < 200; r++) expected += hess[r]!;
    expect(h).toBeCloseTo(expected * d.nFeatures, 6);
  });
});

describe('GBDT training', () => {
  const d = syntheticTabular(3000, 14, 'binary:logistic', 5);

  it('training loss falls round after round', () => {
    const losses: number[] = [];
    GbdtModel.fit(
      d.x,
      d.nFeatures,
      d.y,
      { rounds: 10, eta: 0.3 },
      {
        onRound: (_, margin) => {
          let loss = 0;
          for (let r = 0; r < d.nRows; r++) {
            const p = 1 / (1 + Math.exp(-margin[r]!));
            loss -= d.y[r]! ? Math.log(p) : Math.log(1 - p);
          }
          losses.push(loss / d.nRows);
        },
      },
    );
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThan(losses[i - 1]!);
  });

  it('row and feature sampling are seeded: the same seed gives the same trees', () => {
    const opts = { rounds: 5, subsample: 0.7, colsampleBytree: 0.5, seed: 9 };
    const a = GbdtModel.fit(d.x, d.nFeatures, d.y, opts);
    const b = GbdtModel.fit(d.x, d.nFeatures, d.y, opts);
    const c = GbdtModel.fit(d.x, d.nFeatures, d.y, { ...opts, seed: 10 });
    expect(Array.from(a.predictMargin(d.x))).toEqual(Array.from(b.predictMargin(d.x)));
    expect(Array.from(a.predictMargin(d.x))).not.toEqual(Array.from(c.predictMargin(d.x)));
    // colsample 0.5 of 14 features: each tree splits on at most 7 distinct ones
    for (let t = 0; t < a.nTrees; t++) {
      const used = new Set<number>();
      for (let k = a.trees.treeStart[t]!; k < a.trees.treeStart[t + 1]!; k++)
        if (a.trees.feature[k]! >= 0) used.add(a.trees.feature[k]!);
      expect(used.size).toBeLessThanOrEqual(7);
    }
  });

  it('rejects bad options, labels and shapes', () => {
    expect(() => gbdtOptions({ eta: 0 })).toThrow(/eta/);
    expect(() => gbdtOptions({ maxDepth: 0 })).toThrow(/maxDepth/);
    expect(() => gbdtOptions({ subsample: 1.5 })).toThrow(/subsample/);
    expect(() => gbdtOptions({ baseScore: 1 })).toThrow(/baseScore/);
    expect(() => gbdtOptions({ objective: 'multi:softmax' as never })).toThrow(/objective/);
    expect(() => GbdtModel.fit(column([1, 2]), 1, [0, 2])).toThrow(/label 2/);
    expect(() => GbdtModel.fit(column([1, 2, 3]), 1, [0, 1])).toThrow(/cells/);
  });
});

describe('GBDT artifacts', () => {
  const d = syntheticTabular(1500, 12, 'binary:logistic', 6);
  const model = GbdtModel.fit(d.x, d.nFeatures, d.y, { rounds: 8, maxDepth: 4 });

  it('round-trips through a .fym file and the model registry with the same predictions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-gbdt-'));
    dirs.push(dir);
    const path = join(dir, 'gbdt.fym');
    saveArtifact(path, model.toArtifact({ rows: d.nRows }));
    const loaded = GbdtModel.fromArtifact(loadArtifact(path));
    expect(loaded.options).toEqual(model.options);
    expect(Array.from(loaded.predict(d.x))).toEqual(Array.from(model.predict(d.x)));
    const registry = new ModelRegistry(join(dir, 'models'));
    const v = registry.register('ctr-gbdt', model.toArtifact(), {
      trainedAt: new Date(),
      metrics: { auc: 0.8 },
    });
    const fromRegistry = GbdtModel.fromArtifact(loadArtifact(join(v.dir, 'model.fym')));
    expect(Array.from(fromRegistry.predictMargin(d.x))).toEqual(Array.from(model.predictMargin(d.x)));
  });

  it('refuses malformed trees and other models', () => {
    const good = decodeArtifact(Buffer.concat(encodeArtifact(model.toArtifact())));
    const left = Int32Array.from(good.sections.left!.data);
    left[0] = 0; // the root as its own child: prediction would never end
    const bad = createArtifact(
      { ...good, sections: { ...good.sections, left: { data: left, shape: [left.length] } } },
      { itemIds: [], userIds: [] },
    );
    expect(() => GbdtModel.fromArtifact(bad)).toThrow(ArtifactError);
    expect(() => GbdtModel.fromArtifact({ ...good, model: 'ials' })).toThrow(/not "gbdt"/);
    expect(good.model).toBe(GBDT_MODEL);
  });
});
