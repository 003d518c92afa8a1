import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/index.js';
import { loadArtifact, saveArtifact } from './artifact.js';
import { FtrlModel, featureIndex, sigmoid, type SparseVector } from './ftrl.js';
import {
  DEFAULT_HEAD_WEIGHTS,
  HEADS,
  MultiTaskFtrl,
  blend,
  encodeFeatures,
  type FeatureInput,
  type HeadScores,
} from './multi-task-ftrl.js';

/** Dense rows as sparse vectors over coordinates 0..d-1; column 0 is the bias. */
function sparse(row: readonly number[]): SparseVector {
  return { indices: row.map((_, i) => i), values: row };
}

/** Logistic regression by Newton's method (no regularisation): the reference fit. */
function newtonLogistic(rows: readonly number[][], labels: readonly number[]): number[] {
  const d = rows[0]!.length;
  let w = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((x, r) => {
      const p = sigmoid(x.reduce((s, v, j) => s + v * w[j]!, 0));
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - labels[r]!) * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    });
    // solve hess * step = grad by Gaussian elimination with partial pivoting
    const a = hess.map((row, i) => [...row, grad[i]!]);
    for (let c = 0; c < d; c++) {
      const pivot = a
        .slice(c)
        .reduce((best, row, k) => (Math.abs(row[c]!) > Math.abs(a[best]![c]!) ? c + k : best), c);
      [a[c], a[pivot]] = [a[pivot]!, a[c]!];
      for (let r = c + 1; r < d; r++) {
        const f = a[r]![c]! / a[c]![c]!;
        for (let k = c; k <= d; k++) a[r]![k]! -= f * a[c]![k]!;
      }
    }
    const step = new Array<number>(d).fill(0);
    for (let r = d - 1; r >= 0; r--) {
      let s = a[r]![d]!;
      for (let k = r + 1; k < d; k++) s -= a[r]![k]! * step[k]!;
      step[r] = s / a[r]![r]!;
    }
    w = w.map((v, i) => v - step[i]!);
  }
  return w;
}

/** 60 samples, bias plus two informative features and a noise one; labels drawn from a known model. */
function dataset(seed: number): { rows: number[][]; labels: number[] } {
  const rand = mulberry32(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let r = 0; r < 60; r++) {
    const x = [1, rand() * 2 - 1, rand() < 0.5 ? 1 : 0, rand() * 2 - 1];
    rows.push(x);
    labels.push(rand() < sigmoid(-0.3 + 1.5 * x[1]! + 0.8 * x[2]!) ? 1 : 0);
  }
  return { rows, labels };
}

describe('FtrlModel', () => {
  it('converges to the Newton logistic regression fit when unregularised', () => {
    const { rows, labels } = dataset(7);
    const reference = newtonLogistic(rows, labels);
    const model = new FtrlModel({ bits: 4, alpha: 1, beta: 1, l1: 0, l2: 0 });
    for (let pass = 0; pass < 3000; pass++) rows.forEach((x, r) => model.update(sparse(x), labels[r]!));
    let worst = 0;
    for (const x of rows) {
      const expected = sigmoid(x.reduce((s, v, j) => s + v * reference[j]!, 0));
      worst = Math.max(worst, Math.abs(model.predict(sparse(x)) - expected));
    }
    expect(worst).toBeLessThan(0.01);
    reference.forEach((w, i) => expect(model.weight(i)).toBeCloseTo(w, 1));
  });

  it('gives a weak feature an exact zero weight under L1, and keeps the strong ones', () => {
    // a stream of fresh samples; feature 3 is noise, independent of the label
    const run = (l1: number) => {
      const rand = mulberry32(5);
      const model = new FtrlModel({ bits: 4, alpha: 0.5, beta: 1, l1, l2: 0 });
      let noiseEverNonZero = false;
      for (let r = 0; r < 3000; r++) {
        const x = [1, rand() * 2 - 1, rand() < 0.5 ? 1 : 0, rand() * 2 - 1];
        model.update(sparse(x), rand() < sigmoid(-0.3 + 1.5 * x[1]! + 0.8 * x[2]!) ? 1 : 0);
        if (r >= 1000 && model.weight(3) !== 0) noiseEverNonZero = true;
      }
      return { model, noiseEverNonZero };
    };
    const sparseFit = run(30);
    expect(sparseFit.noiseEverNonZero).toBe(false);
    expect(sparseFit.model.weight(3)).toBe(0);
    expect(sparseFit.model.weight(1)).toBeGreaterThan(1); // true weight 1.5
    expect(sparseFit.model.weight(2)).toBeGreaterThan(0.3); // true weight 0.8
    const dense = run(0);
    expect(dense.noiseEverNonZero).toBe(true);
    expect(dense.model.weight(3)).not.toBe(0);
  });

  it('returns the prediction from before the update, and learns towards the label', () => {
    const model = new FtrlModel({ bits: 4, l1: 0 });
    const x = sparse([1, 1]);
    expect(model.update(x, 1)).toBe(0.5);
    expect(model.predict(x)).toBeGreaterThan(0.5);
  });

  it('hashes feature names stably', () => {
    // known values: a change of hash function would silently scramble every saved model
    expect(featureIndex('freshness', 18)).toBeLessThan(1 << 18);
    expect(featureIndex('freshness', 18)).toBe(154635);
    expect(featureIndex('source=trending', 18)).toBe(78899);
    expect(featureIndex('source=trending', 18)).not.toBe(featureIndex('source=fresh', 18));
  });
});

describe('MultiTaskFtrl', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  function trained(): { model: MultiTaskFtrl; inputs: SparseVector[] } {
    const model = new MultiTaskFtrl({ bits: 12 });
    const rand = mulberry32(3);
    const inputs: SparseVector[] = [];
    for (let s = 0; s < 500; s++) {
      const source = rand() < 0.5 ? 'trending' : 'fresh';
      const x = model.encode({
        numeric: { freshness: rand(), trending: rand() * 100 },
        categorical: { source },
      });
      inputs.push(x);
      const good = source === 'trending' ? 0.8 : 0.2;
      const labels = Object.fromEntries(HEADS.map((h) => [h, rand() < good ? 1 : 0])) as HeadScores;
      labels.watch = good * rand();
      model.update(x, labels);
    }
    return { model, inputs };
  }

  it('round-trips through a .fym file with identical predictions, and resumes training exactly', () => {
    const { model, inputs } = trained();
    const dir = mkdtempSync(join(tmpdir(), 'foryou-ftrl-'));
    dirs.push(dir);
    saveArtifact(join(dir, 'm.fym'), model.toArtifact({ samples: 500 }));
    const artifact = loadArtifact(join(dir, 'm.fym'));
    const loaded = MultiTaskFtrl.fromArtifact(artifact);
    for (const x of inputs) expect(loaded.scores(x)).toEqual(model.scores(x));
    // the same next update on both keeps them identical: z and n were saved bit for bit
    const labels = { finish: 1, watch: 0.7, like: 0, share: 0, follow: 1, quickSkip: 0 };
    model.update(inputs[0]!, labels);
    loaded.update(inputs[0]!, labels);
    for (const x of inputs.slice(0, 50)) expect(loaded.scores(x)).toEqual(model.scores(x));
    // the frozen serving copy keeps float32 weights: the same predictions to float32 precision
    const frozen = MultiTaskFtrl.fromArtifact(model.toArtifact(), { frozen: true });
    expect(frozen.trainable).toBe(false);
    for (const x of inputs.slice(0, 50))
      for (const h of HEADS) expect(frozen.scores(x)[h]).toBeCloseTo(model.scores(x)[h], 5);
    expect(() => frozen.update(inputs[0]!, labels)).toThrow(/frozen/);
  });

  it('learns which source is better in every head', () => {
    const { model } = trained();
    const at = (source: string) =>
      model.scores(model.encode({ numeric: { freshness: 0.5, trending: 50 }, categorical: { source } }));
    for (const h of HEADS) expect(at('trending')[h]).toBeGreaterThan(at('fresh')[h]);
  });

  it('predicts from inputs as from their encoding, whatever was encoded before (the reused buffer)', () => {
    const { model } = trained();
    // Inputs of different lengths, longer than the buffer's first capacity, in an order that
    // shrinks and grows it: each answer must be that of its own encoding alone.
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, (i % 7) - 3]));
    const inputs: FeatureInput[] = [
      { numeric: { freshness: 0.5, trending: 50 }, categorical: { source: 'trending' } },
      { numeric: wide, categorical: { source: 'fresh', position: '3' } },
      { numeric: { freshness: 0.1 } },
      { numeric: { ...wide, trending: 5 }, categorical: { source: 'trending' } },
      { numeric: { freshness: 0.5, trending: 50 }, categorical: { source: 'trending' } },
    ];
    for (const input of inputs) expect(model.predict(input)).toEqual(model.scores(model.encode(input)));
  });

  it('encodes without the model-produced features, and with a bias', () => {
    const x = encodeFeatures({ numeric: { model_score: 3, freshness: 0, age_hours: Math.E - 1 } }, 10);
    expect(x.indices).toEqual([featureIndex('__bias__', 10), featureIndex('age_hours', 10)]);
    expect(x.values[1]).toBeCloseTo(1, 12); // log1p(e - 1) = 1
  });

  it('blends heads by a weighted sum', () => {
    const heads: HeadScores = {
      finish: 0.5,
      watch: 0.6,
      like: 0.1,
      share: 0.05,
      follow: 0.02,
      quickSkip: 0.3,
    };
    const weights = { finish: 1, watch: 1, like: 2, share: 3, follow: 3, quickSkip: -2, watchTime: 3 };
    const rates = 0.5 + 0.6 + 0.2 + 0.15 + 0.06 - 0.6;
    expect(blend(heads, { ...weights, watchTime: 0 }, 15_000)).toBeCloseTo(rates, 12);
    expect(blend(heads, { ...weights, quickSkip: 0, watchTime: 0 }, 15_000)).toBeCloseTo(1.51, 12);
    // plus 3 x E[watch ratio] x duration in tens of seconds: 3 x 0.6 x 1.5 here, 2 x 0.6 x 6 for a minute
    expect(blend(heads, weights, 15_000)).toBeCloseTo(rates + 2.7, 12);
    expect(blend(heads, { ...weights, watchTime: 2 }, 60_000)).toBeCloseTo(rates + 7.2, 12);
  });

  it('by default prefers the video watched longer to the one finished more often', () => {
    const engagement = { like: 0.05, share: 0.01, follow: 0.002, quickSkip: 0.2 };
    // 20 s watched to 0.4 (8 s expected) against 5 s watched to 0.95 and finished 90% of the time
    // (4.75 s): with finish and watch-ratio terms in the blend the short one won.
    const long = blend({ ...engagement, finish: 0.2, watch: 0.4 }, DEFAULT_HEAD_WEIGHTS, 20_000);
    const short = blend({ ...engagement, finish: 0.9, watch: 0.95 }, DEFAULT_HEAD_WEIGHTS, 5000);
    expect(long).toBeGreaterThan(short);
  });

  it('attributes the final score to its inputs: removing an input moves the score by about its part', () => {
    const { model } = trained();
    const weights = { finish: 1, watch: 1, like: 2, share: 3, follow: 3, quickSkip: -1, watchTime: 3 };
    const score = (input: Parameters<MultiTaskFtrl['attribute']>[0]) =>
      blend(model.scores(model.encode(input)), weights, 20_000);
    for (const source of ['trending', 'fresh']) {
      const input = { numeric: { freshness: 0.4, trending: 30 }, categorical: { source } };
      const parts = model.attribute(input, weights, 20_000);
      expect(parts.map((p) => p.name).sort()).toEqual(['freshness', `source=${source}`, 'trending']);
      for (let k = 1; k < parts.length; k++)
        expect(Math.abs(parts[k]!.value)).toBeLessThanOrEqual(Math.abs(parts[k - 1]!.value));
      // the source decides this model: its part is the largest, and the sign of what leaving it out does
      expect(parts[0]!.name).toBe(`source=${source}`);
      const without = score({ numeric: input.numeric, categorical: {} });
      const change = score(input) - without;
      expect(Math.sign(parts[0]!.value)).toBe(Math.sign(change));
      expect(Math.abs(parts[0]!.value - change)).toBeLessThan(0.35 * Math.abs(change));
    }
  });
});
