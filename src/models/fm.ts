// A factorisation machine (Rendle, "Factorization Machines", ICDM 2010) for binary labels on
// sparse hashed features: the ranking model that learns pairwise feature interactions, which
// logistic regression (ftrl.ts) cannot.
//
//   m(x) = w0 + Σ_i w_i x_i + Σ_{i<j} <v_i, v_j> x_i x_j
//        = w0 + Σ_i w_i x_i + ½ Σ_f [ (Σ_i v_if x_i)² − Σ_i v_if² x_i² ]
//
// The second form (Rendle's lemma 3.1) costs O(k · nnz) instead of O(k · nnz²). P(y = 1 | x) is
// sigmoid(m); the loss is log loss, whose derivative by the margin is p − y, so
//   ∂/∂w0 = p − y,   ∂/∂w_i = (p − y) x_i,   ∂/∂v_if = (p − y) x_i (s_f − v_if x_i),  s_f = Σ_j v_jf x_j.
// Training is AdaGrad (Duchi et al. 2011) per parameter, with L2 on w and v (not w0), one sample
// at a time: the rate of a rarely seen coordinate stays high, as FTRL's does.
//
// Inputs are the ranking model's hashed encoding (multi-task-ftrl.ts `encodeFeatures`: bias,
// squashed numeric features, categorical name=value), 2^bits coordinates. The encoding's bias
// coordinate gets factors too; that only adds linear terms, harmless next to w0. Factors start
// N(0, initStd²) from the seed, every coordinate at construction, so a model rebuilt from its
// artifact (touched coordinates only) equals the saved one exactly.
import { Rng } from '../core/index.js';
import {
  ArtifactError,
  checkModel,
  createArtifact,
  numberOptions,
  section,
  type JsonObject,
  type ModelArtifact,
} from './artifact.js';
import { sigmoid, type SparseVector } from './ftrl.js';
import { FeatureIndexCache, encodeFeatures, type FeatureInput } from './multi-task-ftrl.js';

export interface FmOptions {
  /** log2 of the number of hashed coordinates. */
  bits: number;
  /** Factor dimension k. */
  factors: number;
  /** AdaGrad's base rate: a parameter moves by learningRate · g / sqrt(Σ g²). */
  learningRate: number;
  /** L2 on the linear weights w_i. */
  l2Linear: number;
  /** L2 on the factors v_i. */
  l2Factors: number;
  /** Standard deviation of the initial factors (all zero would make every factor gradient zero). */
  initStd: number;
  /** Passes over the data in `fit`. */
  epochs: number;
  /** Seeds the initial factors and `fit`'s shuffles. */
  seed: number;
}

/** k = 8 and a rate of 0.05 are the common choices for hashed CTR data (libFM, libffm). */
export const FM_DEFAULTS: Readonly<FmOptions> = {
  bits: 18,
  factors: 8,
  learningRate: 0.05,
  l2Linear: 1e-5,
  l2Factors: 1e-5,
  initStd: 0.01,
  epochs: 5,
  seed: 42,
};

/** The artifact's model name. */
export const FM_MODEL = 'fm';

export function fmOptions(o: Partial<FmOptions> = {}): FmOptions {
  const r: FmOptions = { ...FM_DEFAULTS };
  for (const key of Object.keys(FM_DEFAULTS) as (keyof FmOptions)[])
    if (o[key] !== undefined) r[key] = o[key];
  if (!(Number.isInteger(r.bits) && r.bits >= 1 && r.bits <= 26))
    throw new RangeError(`fm bits must be an integer in 1..26, got ${r.bits}`);
  if (!(Number.isInteger(r.factors) && r.factors >= 1 && r.factors <= 256))
    throw new RangeError(`fm factors must be an integer in 1..256, got ${r.factors}`);
  if (!(r.learningRate > 0)) throw new RangeError(`fm learningRate must be positive, got ${r.learningRate}`);
  for (const key of ['l2Linear', 'l2Factors', 'initStd'] as const)
    if (!(r[key] >= 0)) throw new RangeError(`fm ${key} must be at least 0, got ${r[key]}`);
  if (!(Number.isInteger(r.epochs) && r.epochs >= 0))
    throw new RangeError(`fm epochs must be a whole number, got ${r.epochs}`);
  if (!Number.isInteger(r.seed)) throw new RangeError(`fm seed must be an integer, got ${r.seed}`);
  return r;
}

/** The data gradient of one sample's log loss: by w0, by w at each position, by v (position × k). */
export interface FmGradient {
  readonly bias: number;
  readonly linear: Float64Array;
  readonly factors: Float64Array;
  /** The prediction the gradient was taken at. */
  readonly p: number;
}

/** Squared-gradient sums start here: the first step is then about learningRate, never infinite. */
const ADAGRAD_INITIAL = 1e-8;
/** The same as stored in a Float32Array, for telling touched coordinates apart. */
const ADAGRAD_INITIAL_32 = Math.fround(ADAGRAD_INITIAL);

export class FactorizationMachine {
  readonly options: FmOptions;
  bias = 0;
  /** w_i, 2^bits. */
  readonly linear: Float32Array;
  /** v_i, row i at i·k, 2^bits × k. */
  readonly factors: Float32Array;
  // AdaGrad's sums of squared gradients, per parameter
  private biasSq = ADAGRAD_INITIAL_32;
  private readonly linearSq: Float32Array;
  private readonly factorsSq: Float32Array;
  /** Scratch: s_f for the sample being scored. */
  private readonly sums: Float64Array;
  private indexCache: FeatureIndexCache | null = null;

  constructor(options: Partial<FmOptions> = {}) {
    this.options = fmOptions(options);
    const size = 1 << this.options.bits;
    const k = this.options.factors;
    this.linear = new Float32Array(size);
    this.factors = new Float32Array(size * k);
    this.linearSq = new Float32Array(size).fill(ADAGRAD_INITIAL);
    this.factorsSq = new Float32Array(size * k).fill(ADAGRAD_INITIAL);
    this.sums = new Float64Array(k);
    const rng = new Rng(this.options.seed);
    for (let i = 0; i < this.factors.length; i++) this.factors[i] = rng.normal(0, this.options.initStd);
  }

  /** The hashed encoding of a candidate's features (the ranking model's, multi-task-ftrl.ts). */
  encode(input: FeatureInput): SparseVector {
    return encodeFeatures(
      input,
      this.options.bits,
      (this.indexCache ??= new FeatureIndexCache(this.options.bits)),
    );
  }

  /** m(x) in O(k · nnz); fills this.sums with s_f. */
  margin(x: SparseVector): number {
    const k = this.options.factors;
    const { linear, factors, sums } = this;
    sums.fill(0);
    let m = this.bias;
    let squares = 0;
    for (let t = 0; t < x.indices.length; t++) {
      const i = x.indices[t]!;
      const xi = x.values[t]!;
      m += linear[i]! * xi;
      const row = i * k;
      for (let f = 0; f < k; f++) {
        const vx = factors[row + f]! * xi;
        sums[f]! += vx;
        squares += vx * vx;
      }
    }
    let pairs = 0;
    for (let f = 0; f < k; f++) pairs += sums[f]! * sums[f]!;
    return m + 0.5 * (pairs - squares);
  }

  /** P(label = 1 | x). */
  predict(x: SparseVector): number {
    return sigmoid(this.margin(x));
  }

  /** The gradient of log loss at x (label 0 or 1, or a soft label in [0, 1]), without the L2 terms. */
  gradient(x: SparseVector, label: number): FmGradient {
    const k = this.options.factors;
    const p = this.predict(x);
    const r = p - label;
    const n = x.indices.length;
    const linear = new Float64Array(n);
    const factors = new Float64Array(n * k);
    for (let t = 0; t < n; t++) {
      const i = x.indices[t]!;
      const xi = x.values[t]!;
      linear[t] = r * xi;
      for (let f = 0; f < k; f++)
        factors[t * k + f] = r * xi * (this.sums[f]! - this.factors[i * k + f]! * xi);
    }
    return { bias: r, linear, factors, p };
  }

  /**
   * One AdaGrad step on one sample; returns the prediction made before it. Every gradient is taken
   * before any parameter moves; a coordinate that appears twice in x steps once per appearance.
   */
  update(x: SparseVector, label: number): number {
    const { learningRate: eta, l2Linear, l2Factors, factors: k } = this.options;
    const g = this.gradient(x, label);
    // float32 like every other parameter, so that the artifact holds the exact state
    this.biasSq = Math.fround(this.biasSq + g.bias * g.bias);
    this.bias = Math.fround(this.bias - (eta * g.bias) / Math.sqrt(this.biasSq));
    for (let t = 0; t < x.indices.length; t++) {
      const i = x.indices[t]!;
      const gw = g.linear[t]! + l2Linear * this.linear[i]!;
      this.linearSq[i]! += gw * gw;
      this.linear[i]! -= (eta * gw) / Math.sqrt(this.linearSq[i]!);
      const row = i * k;
      for (let f = 0; f < k; f++) {
        const gv = g.factors[t * k + f]! + l2Factors * this.factors[row + f]!;
        this.factorsSq[row + f]! += gv * gv;
        this.factors[row + f]! -= (eta * gv) / Math.sqrt(this.factorsSq[row + f]!);
      }
    }
    return g.p;
  }

  /** `epochs` passes over the samples, each in a fresh seeded order. */
  fit(samples: readonly SparseVector[], labels: ArrayLike<number>, epochs = this.options.epochs): this {
    if (labels.length !== samples.length) throw new RangeError('fm: samples and labels differ in length');
    const rng = new Rng(this.options.seed ^ 0x5bd1e995);
    const order = Int32Array.from({ length: samples.length }, (_, i) => i);
    for (let e = 0; e < epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      for (const s of order) this.update(samples[s]!, labels[s]!);
    }
    return this;
  }

  /** Coordinates some update moved (a weight or a factor). */
  touched(): Int32Array {
    const k = this.options.factors;
    const out: number[] = [];
    for (let i = 0; i < this.linearSq.length; i++) {
      let moved = this.linearSq[i]! > ADAGRAD_INITIAL_32;
      for (let f = 0; !moved && f < k; f++) moved = this.factorsSq[i * k + f]! > ADAGRAD_INITIAL_32;
      if (moved) out.push(i);
    }
    return Int32Array.from(out);
  }

  /**
   * The model as an artifact: the touched coordinates' weights, factors and AdaGrad sums, and
   * the bias; the untouched keep their seeded initial factors, which the seed recreates.
   */
  toArtifact(training?: JsonObject, createdAt?: Date | string): ModelArtifact {
    const k = this.options.factors;
    const index = this.touched();
    const n = index.length;
    const w = new Float32Array(n);
    const wSq = new Float32Array(n);
    const v = new Float32Array(n * k);
    const vSq = new Float32Array(n * k);
    index.forEach((i, t) => {
      w[t] = this.linear[i]!;
      wSq[t] = this.linearSq[i]!;
      v.set(this.factors.subarray(i * k, i * k + k), t * k);
      vSq.set(this.factorsSq.subarray(i * k, i * k + k), t * k);
    });
    return createArtifact(
      {
        model: FM_MODEL,
        options: { ...this.options },
        nUsers: 0,
        nItems: 0,
        sections: {
          bias: { data: Float32Array.of(this.bias, this.biasSq), shape: [2] },
          index: { data: index, shape: [n] },
          linear: { data: w, shape: [n] },
          linearSq: { data: wSq, shape: [n] },
          factors: { data: v, shape: [n, k] },
          factorsSq: { data: vSq, shape: [n, k] },
        },
      },
      { itemIds: [], userIds: [], ...(training ? { training } : {}), ...(createdAt ? { createdAt } : {}) },
    );
  }

  static fromArtifact(artifact: ModelArtifact): FactorizationMachine {
    checkModel(artifact, FM_MODEL);
    let model: FactorizationMachine;
    try {
      model = new FactorizationMachine(
        numberOptions(artifact, Object.keys(FM_DEFAULTS) as (keyof FmOptions)[]),
      );
    } catch (error) {
      if (error instanceof RangeError) throw new ArtifactError(error.message);
      throw error;
    }
    const k = model.options.factors;
    const n = artifact.sections.index?.shape[0] ?? 0;
    const bias = section(artifact, 'bias', 'float32', [2]);
    const index = section(artifact, 'index', 'int32', [n]);
    const w = section(artifact, 'linear', 'float32', [n]);
    const wSq = section(artifact, 'linearSq', 'float32', [n]);
    const v = section(artifact, 'factors', 'float32', [n, k]);
    const vSq = section(artifact, 'factorsSq', 'float32', [n, k]);
    model.bias = bias[0]!;
    model.biasSq = bias[1]!;
    const size = model.linear.length;
    index.forEach((i, t) => {
      if (!(i >= 0 && i < size)) throw new ArtifactError(`fm section index: ${i} is outside 2^bits`);
      model.linear[i] = w[t]!;
      model.linearSq[i] = wSq[t]!;
      model.factors.set(v.subarray(t * k, t * k + k), i * k);
      model.factorsSq.set(vSq.subarray(t * k, t * k + k), i * k);
    });
    return model;
  }
}
