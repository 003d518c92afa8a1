// One interface for the ranking models' offline use (bench/models/ranking.ts): fit on labelled
// examples (what the joiner writes: the features an impression was served with, its source and
// position, and each head's label), predict the six heads. The models on the hashed encoding are
// here; GBDT, which takes dense rows, is in ranking-gbdt.ts.
import { FactorizationMachine, type FmOptions } from './fm.js';
import type { FtrlOptions, SparseVector } from './ftrl.js';
import { MultiTaskMlp } from './mlp.js';
import type { MlpOptions } from './mlp-options.js';
import {
  HEADS,
  MultiTaskFtrl,
  FeatureIndexCache,
  encodeFeatures,
  rankerInput,
  type Head,
  type HeadScores,
} from './multi-task-ftrl.js';

/** A served candidate as the ranking models see it. */
export interface RankingExample {
  /** Features by name, as served (the model's own `model_*` ones are never inputs). */
  readonly features: Readonly<Record<string, number>>;
  readonly source: string;
  readonly position: number;
}

export interface LabelledExample extends RankingExample {
  /** Each head's label: 0/1, the watch ratio capped at 1 for the watch head. */
  readonly labels: Readonly<HeadScores>;
}

/** Each head's predictions, one per example. */
export type HeadPredictions = Record<Head, Float64Array>;

export interface OfflineRanker {
  readonly name: string;
  /** Trains on the examples (an online model learns them once, in the order given). */
  fit(train: readonly LabelledExample[]): void;
  predict(examples: readonly RankingExample[]): HeadPredictions;
}

/** The examples in the ranking model's hashed encoding (multi-task-ftrl.ts `rankerInput`). */
export function encodeExamples(examples: readonly RankingExample[], bits: number): SparseVector[] {
  const cache = new FeatureIndexCache(bits);
  return examples.map((e) => encodeFeatures(rankerInput(e.features, e.source, e.position), bits, cache));
}

/** HeadPredictions of n examples from a per-example scorer. */
export function predictEach(n: number, score: (i: number) => Readonly<HeadScores>): HeadPredictions {
  const out = Object.fromEntries(HEADS.map((h) => [h, new Float64Array(n)])) as HeadPredictions;
  for (let i = 0; i < n; i++) {
    const s = score(i);
    for (const head of HEADS) out[head][i] = s[head];
  }
  return out;
}

/** One head's labels. */
export function headLabels(examples: readonly LabelledExample[], head: Head): Float64Array {
  return Float64Array.from(examples, (e) => e.labels[head]);
}

/** The online learner's model: multi-task FTRL, one pass in the order given, as the learner reads samples. */
export class FtrlRanker implements OfflineRanker {
  readonly name = 'ftrl';
  private model: MultiTaskFtrl;

  constructor(private readonly options: Partial<FtrlOptions> = {}) {
    this.model = new MultiTaskFtrl(options);
  }

  fit(train: readonly LabelledExample[]): void {
    this.model = new MultiTaskFtrl(this.options);
    encodeExamples(train, this.model.options.bits).forEach((x, i) => this.model.update(x, train[i]!.labels));
  }

  predict(examples: readonly RankingExample[]): HeadPredictions {
    const xs = encodeExamples(examples, this.model.options.bits);
    return predictEach(xs.length, (i) => this.model.scores(xs[i]!));
  }
}

/** A factorisation machine per head (the watch head on its soft label), seeded shuffled epochs. */
export class FmRanker implements OfflineRanker {
  readonly name = 'fm';
  private heads: Record<Head, FactorizationMachine> | null = null;

  constructor(private readonly options: Partial<FmOptions> = {}) {}

  fit(train: readonly LabelledExample[]): void {
    const heads = {} as Record<Head, FactorizationMachine>;
    let xs: SparseVector[] | null = null;
    for (const head of HEADS) {
      const fm = new FactorizationMachine(this.options);
      xs ??= encodeExamples(train, fm.options.bits);
      heads[head] = fm.fit(xs, headLabels(train, head));
    }
    this.heads = heads;
  }

  predict(examples: readonly RankingExample[]): HeadPredictions {
    const heads = this.heads;
    if (!heads) throw new Error('fm ranker: predict before fit');
    const xs = encodeExamples(examples, heads.finish.options.bits);
    return predictEach(xs.length, (i) => {
      const s = {} as HeadScores;
      for (const head of HEADS) s[head] = heads[head].predict(xs[i]!);
      return s;
    });
  }
}

/** The multi-task network (mlp.ts): all six heads in one model. */
export class MlpRanker implements OfflineRanker {
  readonly name = 'mlp';
  private model: MultiTaskMlp | null = null;
  /** Each epoch's mean training loss, from the last fit. */
  losses: number[] = [];

  constructor(private readonly options: Partial<MlpOptions> = {}) {}

  fit(train: readonly LabelledExample[]): void {
    const model = new MultiTaskMlp(this.options);
    this.losses = model.fit(
      encodeExamples(train, model.options.bits),
      train.map((e) => e.labels),
    );
    this.model = model;
  }

  predict(examples: readonly RankingExample[]): HeadPredictions {
    const model = this.model;
    if (!model) throw new Error('mlp ranker: predict before fit');
    const xs = encodeExamples(examples, model.options.bits);
    return predictEach(xs.length, (i) => model.scores(xs[i]!));
  }
}
