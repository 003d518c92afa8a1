// FTRL-proximal logistic regression (McMahan et al., "Ad Click Prediction: a View from the
// Trenches", KDD 2013) over hashed sparse features: the online learner of the ranking model.
//
// Per coordinate i it keeps z_i (the sum of gradients, corrected so that the weight is the
// proximal solution) and n_i (the sum of squared gradients, which sets the coordinate's own
// learning rate alpha / (beta + sqrt(n_i))). The weight is not stored while training; it is
//   w_i = 0                                                 if |z_i| <= l1
//   w_i = -(z_i - sign(z_i) l1) / ((beta + sqrt(n_i)) / alpha + l2)   otherwise
// so L1 gives exact zeros, and a coordinate no sample touched costs nothing but its slot.
//
// Labels are in [0, 1]: a 0/1 label is ordinary logistic regression; a fraction (the watch ratio
// capped at 1) is the logistic fit on a soft label, whose prediction estimates E[label | x].
//
// State is two Float64Arrays of 2^bits. A model serialises sparsely (touched coordinates only):
// their indices, z and n as float64 bit patterns (so training resumes exactly) and the weights as
// float32. A model loaded `frozen` keeps only dense float32 weights: the serving copy, a quarter of
// the memory and no square roots per prediction.
import { hashString } from '../core/index.js';
import { ArtifactError, type Section } from './artifact.js';

export interface FtrlOptions {
  /** log2 of the number of hashed coordinates. */
  bits: number;
  /** Learning-rate scale: a coordinate's rate is alpha / (beta + sqrt(n_i)). */
  alpha: number;
  /** Smooths the learning rate of rarely seen coordinates. */
  beta: number;
  /** L1 regularisation: weights with |z| at most l1 are exactly zero. */
  l1: number;
  /** L2 regularisation. */
  l2: number;
}

/** alpha, beta, l1, l2 as in the paper's experiments; 2^18 coordinates keep collisions rare. */
export const FTRL_DEFAULTS: FtrlOptions = { bits: 18, alpha: 0.1, beta: 1, l1: 1, l2: 1 };

/** The FTRL parameters among `o` (other keys, such as a whole config section's, are ignored), defaults for the rest. */
export function ftrlOptions(o: Partial<FtrlOptions>): FtrlOptions {
  const d = FTRL_DEFAULTS;
  return {
    bits: o.bits ?? d.bits,
    alpha: o.alpha ?? d.alpha,
    beta: o.beta ?? d.beta,
    l1: o.l1 ?? d.l1,
    l2: o.l2 ?? d.l2,
  };
}

/** Hashed features: parallel lists of coordinate indices and values (an index may repeat). */
export interface SparseVector {
  readonly indices: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** The coordinate of a feature name: stable across processes and releases (core hashString). */
export function featureIndex(name: string, bits: number): number {
  return hashString(name) & ((1 << bits) - 1);
}

export function sigmoid(margin: number): number {
  // bounded so that log loss stays finite and one update cannot be infinite
  const m = Math.max(-35, Math.min(35, margin));
  return 1 / (1 + Math.exp(-m));
}

function checkOptions(o: FtrlOptions): void {
  if (!(Number.isInteger(o.bits) && o.bits >= 1 && o.bits <= 28))
    throw new RangeError(`ftrl bits must be an integer in 1..28, got ${o.bits}`);
  if (!(o.alpha > 0)) throw new RangeError(`ftrl alpha must be positive, got ${o.alpha}`);
  for (const key of ['beta', 'l1', 'l2'] as const)
    if (!(o[key] >= 0)) throw new RangeError(`ftrl ${key} must be at least 0, got ${o[key]}`);
}

/** Float64 values as the int32 pairs an artifact section can hold (bit-exact). */
export function float64Bits(values: Float64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

/** The float64 values of `float64Bits`. */
export function fromFloat64Bits(bits: Int32Array): Float64Array {
  // copied, since an artifact's section may sit at an offset that is not 8-byte aligned
  return new Float64Array(Int32Array.from(bits).buffer);
}

export class FtrlModel {
  readonly options: FtrlOptions;
  /** Training state; null in a frozen (serving) model. */
  private readonly z: Float64Array | null;
  private readonly n: Float64Array | null;
  /** Dense weights of a frozen model; null while trainable (weights are derived from z and n). */
  private readonly frozen: Float32Array | null;

  constructor(options: Partial<FtrlOptions> = {}, frozenWeights?: Float32Array) {
    this.options = ftrlOptions(options);
    checkOptions(this.options);
    const size = 1 << this.options.bits;
    if (frozenWeights) {
      if (frozenWeights.length !== size) throw new RangeError('frozen weights do not match bits');
      this.frozen = frozenWeights;
      this.z = this.n = null;
    } else {
      this.frozen = null;
      this.z = new Float64Array(size);
      this.n = new Float64Array(size);
    }
  }

  get trainable(): boolean {
    return this.frozen === null;
  }

  /** The current weight of coordinate i. */
  weight(i: number): number {
    if (this.frozen) return this.frozen[i]!;
    const z = this.z![i]!;
    const { alpha, beta, l1, l2 } = this.options;
    if (Math.abs(z) <= l1) return 0;
    return -(z - Math.sign(z) * l1) / ((beta + Math.sqrt(this.n![i]!)) / alpha + l2);
  }

  margin(x: SparseVector): number {
    let m = 0;
    for (let k = 0; k < x.indices.length; k++) m += this.weight(x.indices[k]!) * x.values[k]!;
    return m;
  }

  /** P(label = 1 | x), or E[label | x] for a fractional label. */
  predict(x: SparseVector): number {
    return sigmoid(this.margin(x));
  }

  /** Learns one sample (label in [0, 1]); returns the prediction made before learning it. */
  update(x: SparseVector, label: number): number {
    const z = this.z;
    const n = this.n;
    if (!z || !n) throw new Error('a frozen FTRL model cannot learn');
    const { alpha } = this.options;
    const count = x.indices.length;
    const weights = new Float64Array(count);
    let m = 0;
    for (let k = 0; k < count; k++) {
      weights[k] = this.weight(x.indices[k]!);
      m += weights[k]! * x.values[k]!;
    }
    const p = sigmoid(m);
    const residual = p - label;
    // A repeated index (a hash collision within one sample) is updated once per occurrence, each
    // with the weight from before the sample: a negligible departure at 2^bits coordinates.
    for (let k = 0; k < count; k++) {
      const i = x.indices[k]!;
      const g = residual * x.values[k]!;
      const ni = n[i]!;
      const sigma = (Math.sqrt(ni + g * g) - Math.sqrt(ni)) / alpha;
      z[i] = z[i]! + g - sigma * weights[k]!;
      n[i] = ni + g * g;
    }
    return p;
  }

  /** Coordinates a sample has touched (for a frozen model: those with a non-zero weight). */
  touched(): Int32Array {
    const out: number[] = [];
    if (this.frozen) {
      const w = this.frozen;
      for (let i = 0; i < w.length; i++) if (w[i] !== 0) out.push(i);
    } else {
      const n = this.n!;
      for (let i = 0; i < n.length; i++) if (n[i]! > 0) out.push(i);
    }
    return Int32Array.from(out);
  }

  /** Sparse sections `<prefix>Index`, `<prefix>Z`, `<prefix>N` (float64 bits) and `<prefix>Weight`. */
  toSections(prefix: string): Record<string, Section> {
    if (!this.z || !this.n) throw new Error('a frozen FTRL model has no training state to save');
    const index = this.touched();
    const k = index.length;
    const z = new Float64Array(k);
    const n = new Float64Array(k);
    const w = new Float32Array(k);
    for (let t = 0; t < k; t++) {
      const i = index[t]!;
      z[t] = this.z[i]!;
      n[t] = this.n[i]!;
      w[t] = this.weight(i);
    }
    return {
      [`${prefix}Index`]: { data: index, shape: [k] },
      [`${prefix}Z`]: { data: float64Bits(z), shape: [k, 2] },
      [`${prefix}N`]: { data: float64Bits(n), shape: [k, 2] },
      [`${prefix}Weight`]: { data: w, shape: [k] },
    };
  }

  /**
   * The model saved by `toSections`: trainable (exact z and n) or, with `frozen`, only the
   * float32 weights, for serving.
   */
  static fromSections(
    sections: Readonly<Record<string, Section>>,
    prefix: string,
    options: FtrlOptions,
    frozen = false,
  ): FtrlModel {
    const get = (suffix: string, type: typeof Int32Array | typeof Float32Array, width: number) => {
      const s = sections[`${prefix}${suffix}`];
      if (!s || !(s.data instanceof type))
        throw new ArtifactError(`ftrl artifact has no ${type.name} section ${prefix}${suffix}`);
      if (
        s.shape[0] !== (sections[`${prefix}Index`]?.data.length ?? -1) ||
        s.data.length !== s.shape[0]! * width
      )
        throw new ArtifactError(`ftrl section ${prefix}${suffix} does not match ${prefix}Index`);
      return s.data;
    };
    const index = sections[`${prefix}Index`]?.data;
    if (!(index instanceof Int32Array))
      throw new ArtifactError(`ftrl artifact has no section ${prefix}Index`);
    const size = 1 << options.bits;
    for (const i of index)
      if (i < 0 || i >= size) throw new ArtifactError(`ftrl section ${prefix}Index: ${i} is outside 2^bits`);
    if (frozen) {
      const w = get('Weight', Float32Array, 1);
      const dense = new Float32Array(size);
      index.forEach((i, t) => (dense[i] = w[t]!));
      return new FtrlModel(options, dense);
    }
    const z = fromFloat64Bits(get('Z', Int32Array, 2) as Int32Array);
    const n = fromFloat64Bits(get('N', Int32Array, 2) as Int32Array);
    const model = new FtrlModel(options);
    index.forEach((i, t) => {
      model.z![i] = z[t]!;
      model.n![i] = n[t]!;
    });
    return model;
  }
}
