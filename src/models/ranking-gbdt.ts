// GBDT as an offline ranker (ranking-offline.ts): one model per head on dense rows built from the
// examples' named features. The columns are fixed by the training examples: every feature name
// they carry (sorted; the model's own `model_*` features left out, as for the hashed models), then
// the source (its index among the training sources) and the position. A feature an example lacks,
// or a source training never saw, is NaN: missing, which the trees route by each split's learned
// default direction.
//
// The watch head is fitted with the log loss on its soft label (the watch ratio capped at 1), as
// FTRL, the FM and the MLP fit it: its prediction is then E[watch ratio | x] in [0, 1], and its log
// loss is comparable across models. (reg:squarederror would estimate the same mean.)
import { GbdtModel } from './gbdt.js';
import type { GbdtOptions } from './gbdt-options.js';
import { HEADS, MODEL_FEATURE_PREFIX, type Head } from './multi-task-ftrl.js';
import {
  headLabels,
  type HeadPredictions,
  type LabelledExample,
  type OfflineRanker,
  type RankingExample,
} from './ranking-offline.js';

/** The dense columns: `features` by name, then source and position. */
export interface DenseSchema {
  readonly features: readonly string[];
  readonly sources: readonly string[];
}

/** The columns of the training examples' features and sources. */
export function denseSchema(train: readonly RankingExample[]): DenseSchema {
  const features = new Set<string>();
  const sources = new Set<string>();
  for (const e of train) {
    sources.add(e.source);
    for (const name in e.features) if (!name.startsWith(MODEL_FEATURE_PREFIX)) features.add(name);
  }
  return { features: [...features].sort(), sources: [...sources].sort() };
}

export function schemaWidth(schema: DenseSchema): number {
  return schema.features.length + 2;
}

/** The examples as row-major rows of the schema's columns, NaN where missing. */
export function denseRows(examples: readonly RankingExample[], schema: DenseSchema): Float32Array {
  const d = schemaWidth(schema);
  const column = new Map(schema.features.map((name, i) => [name, i]));
  const source = new Map(schema.sources.map((name, i) => [name, i]));
  const x = new Float32Array(examples.length * d).fill(Number.NaN);
  examples.forEach((e, r) => {
    for (const name in e.features) {
      const c = column.get(name);
      const v = e.features[name]!;
      if (c !== undefined && Number.isFinite(v)) x[r * d + c] = v;
    }
    x[r * d + d - 2] = source.get(e.source) ?? Number.NaN;
    x[r * d + d - 1] = e.position;
  });
  return x;
}

/** Six GBDTs with the log loss (binary:logistic), one per head. */
export class GbdtRanker implements OfflineRanker {
  readonly name = 'gbdt';
  private fitted: { schema: DenseSchema; heads: Record<Head, GbdtModel> } | null = null;

  constructor(private readonly options: Partial<Omit<GbdtOptions, 'objective'>> = {}) {}

  get schema(): DenseSchema | null {
    return this.fitted?.schema ?? null;
  }

  fit(train: readonly LabelledExample[]): void {
    const schema = denseSchema(train);
    const x = denseRows(train, schema);
    const heads = {} as Record<Head, GbdtModel>;
    for (const head of HEADS)
      heads[head] = GbdtModel.fit(x, schemaWidth(schema), headLabels(train, head), {
        ...this.options,
        objective: 'binary:logistic',
      });
    this.fitted = { schema, heads };
  }

  predict(examples: readonly RankingExample[]): HeadPredictions {
    if (!this.fitted) throw new Error('gbdt ranker: predict before fit');
    const { schema, heads } = this.fitted;
    const x = denseRows(examples, schema);
    const out = {} as HeadPredictions;
    for (const head of HEADS) out[head] = heads[head].predict(x);
    return out;
  }
}
