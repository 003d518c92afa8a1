// The first learned ranking model: one FTRL-proximal logistic regression per engagement head,
// sharing one hashed encoding of the candidate's features. Its final score is a weighted sum of the
// heads (`blend`), the weights a parameter (config `learner.headWeights`).
import {
  checkModel,
  createArtifact,
  numberOptions,
  type JsonObject,
  type ModelArtifact,
} from './artifact.js';
import { FtrlModel, featureIndex, ftrlOptions, type FtrlOptions, type SparseVector } from './ftrl.js';

/** The heads: P(finish), E[watch ratio] (capped at 1), P(like), P(share), P(follow), P(quick skip). */
export const HEADS = ['finish', 'watch', 'like', 'share', 'follow', 'quickSkip'] as const;
export type Head = (typeof HEADS)[number];
export type HeadScores = Record<Head, number>;
export type HeadWeights = Record<Head, number>;

/**
 * The final score's weights: one per head, plus `watchTime`, the weight of the expected watch time
 * E[watch ratio] x duration, in units of `WATCH_TIME_UNIT_MS`. The heads are all rates, and a rate
 * alone prefers short videos (they are finished more often); watch time is what a viewer gives, and
 * a long video watched to its middle can hold them longer than a short one finished.
 */
export type ObjectiveWeights = HeadWeights & { watchTime: number };

/** Expected watch time counts in tens of seconds, so that its weight and the rates' are of a size. */
export const WATCH_TIME_UNIT_MS = 10_000;

/**
 * Default head weights: expected watch time, 4 per 10 s, is the objective; the rates only add
 * what watch time does not count. A quick skip costs -1 (2.5 s of watch): beyond the 0.6 s it
 * lasts, which watch time counts already, it is the swipe that may end a session. Likes are
 * deliberate (2); shares and follows are rarer still and spread or bind the viewer (3). Finishing
 * and the watch ratio weigh 0: as rates they prefer short videos, which are finished more often,
 * and a 5 s video finished held the viewer less than a 20 s one watched to its middle. In the
 * simulator (bench/results/ranking-objective.md, 2026-12-07) dropping them (finish 1, watch 1,
 * quickSkip -2, watchTime 3 before) raised the watch per session on three seeds of 1,000 users.
 */
export const DEFAULT_HEAD_WEIGHTS: Readonly<ObjectiveWeights> = {
  finish: 0,
  watch: 0,
  like: 2,
  share: 3,
  follow: 3,
  quickSkip: -1,
  watchTime: 4,
};

/** Features the model itself produces start with this; they are never its inputs (no feedback loop). */
export const MODEL_FEATURE_PREFIX = 'model_';

/** The artifact's model name. */
export const MULTI_TASK_FTRL = 'multi-task-ftrl';

/** The registry name of the learned ranking model: the learner publishes it, servers load it. */
export const RANKER_MODEL = 'ranker';

/** The final score of a video `durationMs` long: the weighted heads plus its weighted expected watch time. */
export function blend(
  heads: Readonly<HeadScores>,
  weights: Readonly<ObjectiveWeights>,
  durationMs: number,
): number {
  let score = weights.watchTime * heads.watch * (durationMs / WATCH_TIME_UNIT_MS);
  for (const head of HEADS) score += weights[head] * heads[head];
  return score;
}

/** Numeric features by name, categorical ones as name=value (value 1). */
export interface FeatureInput {
  readonly numeric: Readonly<Record<string, number>>;
  readonly categorical?: Readonly<Record<string, string>>;
}

/** Served positions from this one on are one category: past the first screens they differ little. */
const MAX_POSITION = 20;

/**
 * The ranking model's inputs for a candidate served from `source` at `position` with `features`,
 * the same in training (stream/learner.ts, the sample's position) and serving (position 0).
 */
export function rankerInput(
  features: Readonly<Record<string, number>>,
  source: string,
  position: number,
): FeatureInput {
  const slot = Math.min(Math.max(0, Math.trunc(position)), MAX_POSITION);
  return { numeric: features, categorical: { source, position: String(slot) } };
}

const BIAS = '__bias__';

/**
 * Hashes features into the model's coordinates: a bias (value 1), each finite numeric feature
 * (except the model's own, `model_*`) squashed by sign(x) log(1 + |x|), each categorical one as
 * `name=value` with value 1. The squash because the features span orders of magnitude (hours of
 * age, trending scores, ranks up to hundreds next to fractions): raw, one large value would swamp
 * an update; squashed, every feature moves the margin by similar amounts. Zero is left out (it
 * contributes nothing).
 */
export function encodeFeatures(
  input: FeatureInput,
  bits: number,
  cache?: FeatureIndexCache,
  /** When given, receives each coordinate's feature name, in the vector's order. */
  names?: string[],
): SparseVector {
  encodeInto(input, cache ?? new FeatureIndexCache(bits), names);
  return buffer.copy();
}

/** `encodeFeatures` into the module's buffer (read it before encoding again: JS runs one call at a time). */
function encodeInto(input: FeatureInput, coordinates: FeatureIndexCache, names?: string[]): void {
  buffer.clear();
  buffer.push(coordinates.numeric(BIAS), 1);
  names?.push(BIAS);
  for (const name in input.numeric) {
    const x = input.numeric[name]!;
    if (x === 0 || !Number.isFinite(x)) continue;
    const i = coordinates.numeric(name);
    if (i < 0) continue; // the model's own output
    buffer.push(i, Math.sign(x) * Math.log1p(Math.abs(x)));
    names?.push(name);
  }
  const categorical = input.categorical;
  if (categorical)
    for (const name in categorical) {
      const value = categorical[name]!;
      buffer.push(coordinates.categorical(name, value), 1);
      names?.push(`${name}=${value}`);
    }
}

/**
 * Room for one encoded vector at a time. Serving scores hundreds of candidates per request, and
 * the two arrays grown afresh for each were a third of all a feed allocated (bench/feed/in-process.ts
 * --heap-profile): the garbage behind most of the feed's collector pauses.
 */
class EncodeBuffer {
  private indices: Int32Array;
  private values: Float64Array;
  private length = 0;
  /** Views of the first n coordinates, by n: the same buffer, so they stay valid until it grows. */
  private views: (SparseVector | undefined)[] = [];

  constructor(capacity: number) {
    this.indices = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  push(index: number, value: number): void {
    if (this.length === this.indices.length) {
      const indices = new Int32Array(this.length * 2);
      const values = new Float64Array(this.length * 2);
      indices.set(this.indices);
      values.set(this.values);
      this.indices = indices;
      this.values = values;
      this.views = [];
    }
    this.indices[this.length] = index;
    this.values[this.length++] = value;
  }

  /** What was pushed, valid until the next `clear`. */
  view(): SparseVector {
    const n = this.length;
    return (this.views[n] ??= { indices: this.indices.subarray(0, n), values: this.values.subarray(0, n) });
  }

  /** What was pushed, as arrays of its own. */
  copy(): SparseVector {
    const n = this.length;
    return {
      indices: Array.from(this.indices.subarray(0, n)),
      values: Array.from(this.values.subarray(0, n)),
    };
  }
}

const buffer = new EncodeBuffer(128);

/**
 * Feature names to coordinates, remembered: hashing the same names for every candidate adds up,
 * and a category's `name=value` string built afresh for each would have to be hashed again too.
 * `model_*` names map to -1 (never inputs). Bounded, so odd categorical values cannot grow it.
 */
export class FeatureIndexCache {
  private readonly names = new Map<string, number>();
  private readonly categories = new Map<string, Map<string, number>>();
  private size = 0;

  constructor(private readonly bits: number) {}

  private room(): void {
    if (++this.size < 100_000) return;
    this.names.clear();
    this.categories.clear();
    this.size = 0;
  }

  numeric(name: string): number {
    let i = this.names.get(name);
    if (i === undefined) {
      this.room();
      i = name.startsWith(MODEL_FEATURE_PREFIX) ? -1 : featureIndex(name, this.bits);
      this.names.set(name, i);
    }
    return i;
  }

  categorical(name: string, value: string): number {
    let values = this.categories.get(name);
    if (!values) this.categories.set(name, (values = new Map()));
    let i = values.get(value);
    if (i === undefined) {
      this.room();
      values.set(value, (i = featureIndex(`${name}=${value}`, this.bits)));
    }
    return i;
  }
}

export class MultiTaskFtrl {
  readonly options: FtrlOptions;
  private readonly heads: Record<Head, FtrlModel>;
  private readonly indexCache: FeatureIndexCache;

  constructor(options: Partial<FtrlOptions> = {}, heads?: Record<Head, FtrlModel>) {
    this.options = ftrlOptions(options);
    this.indexCache = new FeatureIndexCache(this.options.bits);
    this.heads =
      heads ??
      (Object.fromEntries(HEADS.map((h) => [h, new FtrlModel(this.options)])) as Record<Head, FtrlModel>);
  }

  get trainable(): boolean {
    return this.heads.finish.trainable;
  }

  head(name: Head): FtrlModel {
    return this.heads[name];
  }

  encode(input: FeatureInput): SparseVector {
    return encodeFeatures(input, this.options.bits, this.indexCache);
  }

  /** Every head's prediction for one candidate's inputs (encoded into reused space: nothing kept). */
  predict(input: FeatureInput): HeadScores {
    encodeInto(input, this.indexCache);
    return this.scores(buffer.view());
  }

  /** Every head's prediction for one encoded candidate. */
  scores(x: SparseVector): HeadScores {
    const out = {} as HeadScores;
    for (const head of HEADS) out[head] = this.heads[head].predict(x);
    return out;
  }

  /**
   * What each input adds to the final score `blend(heads, weights, durationMs)`, to first order:
   * a coordinate's weight times its value moves head h's margin, and the score moves by
   * c_h p_h (1 - p_h) per unit of margin, c_h being the head's weight in the blend (the watch head
   * also carries the watch-time term). For explanations, largest first; the bias, the same for
   * every candidate, is left out.
   */
  attribute(
    input: FeatureInput,
    weights: Readonly<ObjectiveWeights>,
    durationMs: number,
  ): { name: string; value: number }[] {
    const names: string[] = [];
    const x = encodeFeatures(input, this.options.bits, this.indexCache, names);
    const heads = this.scores(x);
    const parts = names.map((name) => ({ name, value: 0 }));
    for (const head of HEADS) {
      const p = heads[head];
      const c =
        weights[head] + (head === 'watch' ? (weights.watchTime * durationMs) / WATCH_TIME_UNIT_MS : 0);
      const slope = c * p * (1 - p);
      if (slope === 0) continue;
      const model = this.heads[head];
      for (let k = 0; k < names.length; k++)
        parts[k]!.value += slope * model.weight(x.indices[k]!) * x.values[k]!;
    }
    return parts.slice(1).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  }

  /** Learns one sample in every head; returns the predictions made before learning it. */
  update(x: SparseVector, labels: Readonly<HeadScores>): HeadScores {
    const out = {} as HeadScores;
    for (const head of HEADS) out[head] = this.heads[head].update(x, labels[head]);
    return out;
  }

  /** The whole training state as an artifact (no users or items: the model knows only features). */
  toArtifact(training?: JsonObject, createdAt?: Date | string): ModelArtifact {
    const sections = Object.assign(
      {},
      ...HEADS.map((h) => this.heads[h].toSections(h)),
    ) as ModelArtifact['sections'];
    return createArtifact(
      { model: MULTI_TASK_FTRL, options: { ...this.options }, nUsers: 0, nItems: 0, sections },
      {
        itemIds: [],
        userIds: [],
        ...(training ? { training } : {}),
        ...(createdAt ? { createdAt } : {}),
      },
    );
  }

  /**
   * The model in an artifact: trainable (exact state, to resume learning) or `frozen` (float32
   * weights only, for serving). `override` replaces the learning parameters (not bits, which fix
   * the coordinates): FTRL's state stays meaningful when alpha, beta, l1 or l2 change.
   */
  static fromArtifact(
    artifact: ModelArtifact,
    {
      frozen = false,
      override = {},
    }: { frozen?: boolean; override?: Partial<Omit<FtrlOptions, 'bits'>> } = {},
  ): MultiTaskFtrl {
    checkModel(artifact, MULTI_TASK_FTRL);
    const stored = numberOptions(artifact, ['bits', 'alpha', 'beta', 'l1', 'l2']);
    const options = ftrlOptions({ ...stored, ...override });
    const heads = Object.fromEntries(
      HEADS.map((h) => [h, FtrlModel.fromSections(artifact.sections, h, options, frozen)]),
    ) as Record<Head, FtrlModel>;
    return new MultiTaskFtrl(options, heads);
  }
}
