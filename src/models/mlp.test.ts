import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { auc } from '../eval/metrics/index.js';
import { ArtifactError, decodeArtifact, encodeArtifact } from './artifact.js';
import { FtrlModel, type SparseVector } from './ftrl.js';
import { MultiTaskMlp } from './mlp.js';
import { mlpOptions } from './mlp-options.js';
import { HEADS, encodeFeatures, type HeadScores } from './multi-task-ftrl.js';

/** A sparse vector on distinct random coordinates with values in [-2, 2]. */
function randomVector(rng: Rng, bits: number, nnz: number): SparseVector {
  const indices = new Set<number>();
  while (indices.size < nnz) indices.add(rng.int(1 << bits));
  return { indices: [...indices], values: [...indices].map(() => rng.uniform(-2, 2)) };
}

function randomLabels(rng: Rng): HeadScores {
  const y = {} as HeadScores;
  for (const head of HEADS) y[head] = head === 'watch' ? rng.next() : rng.int(2);
  return y;
}

const same = (label: number): HeadScores =>
  Object.fromEntries(HEADS.map((h) => [h, label])) as unknown as HeadScores;

describe('multi-task MLP', () => {
  it('its gradient matches central finite differences in every parameter group', () => {
    const rng = new Rng(1);
    const model = new MultiTaskMlp({
      bits: 6,
      embedding: 4,
      shared: [5, 3],
      tower: 3,
      initStd: 0.5,
      seed: 3,
    });
    const xs = Array.from({ length: 8 }, () => randomVector(rng, 6, 4));
    const ys = xs.map(() => randomLabels(rng));
    // a few steps first, so the output biases and weights are not at their initial values
    model.fit(xs, ys, 2);
    const g = model.gradient(xs, ys);
    const net = model.network;
    const numeric = (params: Float64Array, at: number): number => {
      const original = params[at]!;
      const h = 1e-6;
      params[at] = original + h;
      const up = model.loss(xs, ys);
      params[at] = original - h;
      const down = model.loss(xs, ys);
      params[at] = original;
      return (up - down) / (2 * h);
    };
    const check = (params: Float64Array, at: number, analytic: number) => {
      const fd = numeric(params, at);
      expect(Math.abs(fd - analytic)).toBeLessThan(1e-6 + 1e-4 * Math.abs(analytic));
    };
    const { layout } = net;
    const groups: [string, number, number][] = [['b0', layout.b0, 4]];
    layout.shared.forEach((l, i) => {
      groups.push([`shared${i}.w`, l.w, l.inputs * l.outputs], [`shared${i}.b`, l.b, l.outputs]);
    });
    layout.towers.forEach((t, k) => {
      groups.push([`tower${k}.w`, t.hidden.w, t.hidden.inputs * t.hidden.outputs]);
      groups.push([`tower${k}.b`, t.hidden.b, t.hidden.outputs]);
      groups.push([`out${k}.w`, t.out.w, t.out.inputs], [`out${k}.b`, t.out.b, 1]);
    });
    let nonZero = 0;
    for (const [, start, count] of groups)
      for (let i = start; i < start + count; i++) {
        check(net.dense, i, g.dense[i]!);
        if (g.dense[i] !== 0) nonZero++;
      }
    expect(groups.length).toBe(1 + 2 * 2 + 4 * HEADS.length);
    expect(nonZero).toBeGreaterThan(layout.size / 2);
    // the embedding rows: every row the batch touches, each of its values
    const touched = new Set(xs.flatMap((x) => Array.from(x.indices)));
    expect([...g.rows.keys()].sort()).toEqual([...touched].sort());
    for (const [row, grad] of g.rows) for (let f = 0; f < 4; f++) check(net.embedding, row * 4 + f, grad[f]!);
    // an untouched row has no gradient and no effect on the loss
    const untouched = [...Array(64).keys()].find((r) => !touched.has(r))!;
    expect(numeric(net.embedding, untouched * 4)).toBe(0);
  });

  it('learns an XOR of two features that logistic regression cannot', () => {
    // label = (a > 0) xor (b > 0) for a, b uniform in [-3, 3], plus a noise feature: each feature
    // alone says nothing, so a linear model stays at AUC 0.5
    const rng = new Rng(2);
    const make = (n: number) => {
      const xs: SparseVector[] = [];
      const ys: number[] = [];
      for (let s = 0; s < n; s++) {
        const [a, b, c] = [rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(-3, 3)];
        xs.push(encodeFeatures({ numeric: { a, b, c } }, 10));
        ys.push(a > 0 !== b > 0 ? 1 : 0);
      }
      return { xs, ys };
    };
    const train = make(6000);
    const test = make(2000);
    const mlp = new MultiTaskMlp({ bits: 10, embedding: 16, shared: [16], tower: 8, learningRate: 0.01 });
    mlp.fit(train.xs, train.ys.map(same), 15);
    const lr = new FtrlModel({ bits: 10, alpha: 0.1, l1: 0, l2: 1 });
    for (let e = 0; e < 5; e++) train.xs.forEach((x, i) => lr.update(x, train.ys[i]!));
    const aucMlp = auc(
      test.ys,
      test.xs.map((x) => mlp.scores(x).finish),
    );
    const aucLr = auc(
      test.ys,
      test.xs.map((x) => lr.predict(x)),
    );
    expect(aucMlp).toBeGreaterThan(0.95);
    expect(aucLr).toBeLessThan(0.6);
  });

  it("a head's label reaches only that head's tower, and each head learns its own label", () => {
    const rng = new Rng(3);
    // exactly: at fixed parameters, changing one head's labels changes its tower's gradient and the
    // shared layers', never another tower's
    const model = new MultiTaskMlp({ bits: 8, embedding: 6, shared: [6], tower: 4, seed: 5 });
    const xs = Array.from({ length: 16 }, () => randomVector(rng, 8, 5));
    const ys = xs.map(() => randomLabels(rng));
    const base = model.gradient(xs, ys);
    const flipped = model.gradient(
      xs,
      ys.map((y) => ({ ...y, like: 1 - y.like })),
    );
    const { layout } = model.network;
    const like = HEADS.indexOf('like');
    const range = (a: Float64Array, k: number) =>
      a.slice(layout.towers[k]!.hidden.w, layout.towers[k]!.out.b + 1);
    HEADS.forEach((_, k) => {
      if (k === like) expect(range(flipped.dense, k)).not.toEqual(range(base.dense, k));
      else expect(range(flipped.dense, k)).toEqual(range(base.dense, k));
    });
    expect(flipped.dense.slice(0, layout.shared[0]!.b + 6)).not.toEqual(
      base.dense.slice(0, layout.shared[0]!.b + 6),
    );

    // in training: head k's label is a function of field k alone (six independent fields of four
    // values), so changing field k must move head k's prediction and changing any other field must
    // barely move it (what is left is training noise through the shared layers)
    const fieldsInput = (fields: readonly number[]) =>
      encodeFeatures(
        { numeric: {}, categorical: Object.fromEntries(HEADS.map((h, k) => [h, String(fields[k])])) },
        10,
      );
    const train = { xs: [] as SparseVector[], ys: [] as HeadScores[] };
    for (let s = 0; s < 20_000; s++) {
      const fields = HEADS.map(() => rng.int(4));
      train.xs.push(fieldsInput(fields));
      const y = {} as HeadScores;
      HEADS.forEach((h, k) => {
        const high = fields[k]! < 2;
        y[h] = h === 'watch' ? (high ? 0.8 : 0.2) : Number(high !== rng.chance(0.1));
      });
      train.ys.push(y);
    }
    const mlp = new MultiTaskMlp({ bits: 10, embedding: 8, shared: [16], tower: 8, learningRate: 0.01 });
    mlp.fit(train.xs, train.ys, 4);
    // the mean over 200 random inputs of the range of head k's prediction as field j takes each value
    const effect = (k: number, j: number): number => {
      const r = new Rng(100 + j);
      let sum = 0;
      for (let s = 0; s < 200; s++) {
        const fields = HEADS.map(() => r.int(4));
        const p = [0, 1, 2, 3].map(
          (v) => mlp.scores(fieldsInput(fields.map((f, i) => (i === j ? v : f))))[HEADS[k]!],
        );
        sum += Math.max(...p) - Math.min(...p);
      }
      return sum / 200;
    };
    HEADS.forEach((_, k) =>
      HEADS.forEach((_, j) => {
        // the ideal effect of its own field is 0.9 - 0.1 = 0.8 (0.6 for the watch head's soft label)
        if (j === k) expect(effect(k, j)).toBeGreaterThan(0.5);
        else expect(effect(k, j)).toBeLessThan(0.06);
      }),
    );
  });

  it('is deterministic from its seed, and its artifact holds the exact state', () => {
    const rng = new Rng(4);
    const xs = Array.from({ length: 400 }, () => randomVector(rng, 10, 6));
    const ys = xs.map(() => randomLabels(rng));
    const options = { bits: 10, embedding: 8, shared: [8], tower: 4, batchSize: 32, seed: 9 };
    const a = new MultiTaskMlp(options);
    a.fit(xs.slice(0, 300), ys.slice(0, 300), 2);
    const twin = new MultiTaskMlp(options);
    twin.fit(xs.slice(0, 300), ys.slice(0, 300), 2);
    const other = new MultiTaskMlp({ ...options, seed: 10 });
    other.fit(xs.slice(0, 300), ys.slice(0, 300), 2);
    expect(twin.scores(xs[0]!)).toEqual(a.scores(xs[0]!));
    expect(other.scores(xs[0]!)).not.toEqual(a.scores(xs[0]!));

    const b = MultiTaskMlp.fromArtifact(decodeArtifact(Buffer.concat(encodeArtifact(a.toArtifact()))));
    expect(b.options).toEqual(a.options);
    expect(b.steps).toBe(a.steps);
    for (const x of xs) expect(b.scores(x)).toEqual(a.scores(x));
    a.fit(xs.slice(300), ys.slice(300), 1);
    b.fit(xs.slice(300), ys.slice(300), 1);
    for (const x of xs) expect(b.scores(x)).toEqual(a.scores(x));
    expect(b.network.dense).toEqual(a.network.dense);
    expect(b.network.embedding).toEqual(a.network.embedding);
  });

  it('rejects a damaged artifact, bad options and labels outside [0, 1]', () => {
    const model = new MultiTaskMlp({ bits: 6, embedding: 4, shared: [], tower: 2 });
    const artifact = model.toArtifact();
    const damaged = {
      ...artifact,
      sections: { ...artifact.sections, dense: { data: new Int32Array(4), shape: [2, 2] } },
    };
    expect(() => MultiTaskMlp.fromArtifact(damaged)).toThrow(ArtifactError);
    expect(() =>
      MultiTaskMlp.fromArtifact({ ...artifact, options: { ...artifact.options, shared: 'x' } }),
    ).toThrow(/option shared/);
    expect(() => mlpOptions({ embedding: 0 })).toThrow(/embedding/);
    expect(() => mlpOptions({ shared: [8, -1] })).toThrow(/shared\[1\]/);
    expect(() => mlpOptions({ beta2: 1 })).toThrow(/beta2/);
    const x = { indices: [1], values: [1] };
    expect(() => model.fit([x], [{ ...same(0), watch: 1.5 }])).toThrow(/watch of sample 0/);
  });
});
