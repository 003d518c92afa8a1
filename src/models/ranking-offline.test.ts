import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { auc } from '../eval/metrics/index.js';
import { HEADS, MultiTaskFtrl, encodeFeatures, rankerInput, type HeadScores } from './multi-task-ftrl.js';
import { GbdtRanker, denseRows, denseSchema } from './ranking-gbdt.js';
import {
  FmRanker,
  FtrlRanker,
  MlpRanker,
  type LabelledExample,
  type OfflineRanker,
} from './ranking-offline.js';

/**
 * Served candidates whose heads follow a hidden appeal z = 2 quality + 1.5 [source = fresh] - age/48
 * (a feature some examples lack, and a model score that must be ignored): each head is a Bernoulli
 * of its own logistic in z, the watch head the same logistic as a soft label.
 */
function examples(n: number, seed: number): LabelledExample[] {
  const rng = new Rng(seed);
  const shift: Record<string, number> = {
    finish: 0,
    watch: 0,
    like: -1.5,
    share: -2,
    follow: -2,
    quickSkip: 0,
  };
  return Array.from({ length: n }, () => {
    const quality = rng.uniform(-1, 1);
    const age = rng.uniform(0, 96);
    const source = rng.pick(['trending', 'fresh', 'quality']);
    const z = 2 * quality + (source === 'fresh' ? 1.5 : 0) - age / 48;
    const features: Record<string, number> = { quality, model_score: rng.next() };
    if (rng.chance(0.8)) features.age_hours = age;
    const labels = {} as HeadScores;
    for (const head of HEADS) {
      const p = 1 / (1 + Math.exp(-(head === 'quickSkip' ? -z : z + shift[head]!)));
      labels[head] = head === 'watch' ? p : Number(rng.chance(p));
    }
    return { features, source, position: rng.int(10), labels };
  });
}

describe('offline rankers', () => {
  it('GBDT rows: the training features by name (no model_*), then source and position, NaN where missing', () => {
    const train: LabelledExample[] = [
      {
        features: { b: 2, a: 1, model_score: 0.3 },
        source: 'x',
        position: 3,
        labels: examples(1, 1)[0]!.labels,
      },
      { features: { a: 5 }, source: 'w', position: 0, labels: examples(1, 2)[0]!.labels },
    ];
    const schema = denseSchema(train);
    expect(schema).toEqual({ features: ['a', 'b'], sources: ['w', 'x'] });
    const rows = denseRows(
      [...train, { features: { c: 9, b: Infinity }, source: 'new', position: 7 }],
      schema,
    );
    expect(Array.from(rows)).toEqual([1, 2, 1, 3, 5, NaN, 0, 0, NaN, NaN, NaN, 7]);
  });

  it('FTRL learns the examples once, in order, exactly as the online learner does', () => {
    const train = examples(500, 3);
    const ranker = new FtrlRanker({ bits: 12 });
    ranker.fit(train);
    const reference = new MultiTaskFtrl({ bits: 12 });
    for (const e of train)
      reference.update(reference.encode(rankerInput(e.features, e.source, e.position)), e.labels);
    const test = examples(50, 4);
    const predicted = ranker.predict(test);
    test.forEach((e, i) => {
      const want = reference.scores(encodeFeatures(rankerInput(e.features, e.source, e.position), 12));
      for (const head of HEADS) expect(predicted[head][i]).toBe(want[head]);
    });
  });

  it('every ranker learns every head of a planted problem', () => {
    const train = examples(6000, 5);
    const test = examples(3000, 6);
    const rankers: OfflineRanker[] = [
      new FtrlRanker({ bits: 12 }),
      new FmRanker({ bits: 12, epochs: 3 }),
      new GbdtRanker({ rounds: 30, eta: 0.3, maxDepth: 4 }),
      new MlpRanker({ bits: 12, epochs: 3 }),
    ];
    // the planted appeal's own AUC bounds what any model can reach; the soft watch label rises with
    // it, so it ranks as the appeal does
    const oracle = (head: 'finish' | 'like' | 'quickSkip') =>
      auc(
        test.map((e) => e.labels[head]),
        test.map((e) => (head === 'quickSkip' ? -1 : 1) * e.labels.watch),
      );
    for (const ranker of rankers) {
      ranker.fit(train);
      const predicted = ranker.predict(test);
      for (const head of ['finish', 'like', 'quickSkip'] as const) {
        const value = auc(
          test.map((e) => e.labels[head]),
          predicted[head],
        );
        // bound about 0.82; FTRL and the FM see age only through the encoding's log squash
        expect(value, `${ranker.name} ${head}`).toBeGreaterThan(oracle(head) - 0.04);
      }
      const watch = predicted.watch;
      const labels = test.map((e) => e.labels.watch);
      // the soft label is itself the planted probability: predictions should follow it closely
      let err = 0;
      for (let i = 0; i < labels.length; i++) err += Math.abs(watch[i]! - labels[i]!);
      expect(err / labels.length, `${ranker.name} watch`).toBeLessThan(0.1);
    }
  });

  it('predicting before fitting is an error', () => {
    for (const r of [new FmRanker(), new GbdtRanker(), new MlpRanker()])
      expect(() => r.predict([]), r.name).toThrow(/before fit/);
  });
});
