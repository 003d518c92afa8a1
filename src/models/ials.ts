// iALS: implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008) solved row by row with
// a few conjugate-gradient steps (Takács, Pilászy & Tikk 2011).
//
// Every (user, item) cell has preference p = 1 if observed, else 0, and confidence
// c = 1 + α·w (w = the interaction's weight: its rating or engagement weight) for observed cells,
// 1 for the rest. Minimise Σ c (p - x_u·y_i)² + λ (‖X‖² + ‖Y‖²) by alternating: with Y fixed, each
// user's x solves (YᵀY + λI + Σ_{i∈I_u} (c_ui - 1) y_i y_iᵀ) x = Σ_{i∈I_u} c_ui y_i, and
// symmetrically for items. YᵀY is computed once per half-sweep (the Gramian trick), so a row
// costs f² plus 2f per own interaction per CG step instead of f² per item; CG starts from the
// row's previous factors, so a few steps per sweep track the exact solution closely.
import { Rng } from '../core/random.js';
import {
  ArtifactError,
  checkModel,
  createArtifact,
  numberOptions,
  section,
  type ArtifactContext,
  type ModelArtifact,
  type Serializable,
} from './artifact.js';
import type { Recommender, TrainingData } from './types.js';

export interface IalsOptions {
  /** Latent dimensions. */
  factors?: number;
  /** L2 regularisation on both factor matrices. */
  lambda?: number;
  /** Confidence slope: c = 1 + alpha * w. */
  alpha?: number;
  /** Alternating sweeps (users then items). */
  iterations?: number;
  /** Conjugate-gradient steps per row and sweep. */
  cgSteps?: number;
  /** Seed of the factor initialisation. */
  seed?: number;
  /** w per interaction: its rating/weight ('value', summed over repeats) or 1 ('binary'). */
  weighting?: 'value' | 'binary';
}

/** Defaults tuned on a validation split of the ml-100k MSR training set (bench/results/models-ml100k.md). */
export const IALS_DEFAULTS: Required<IalsOptions> = {
  factors: 32,
  lambda: 50,
  alpha: 2,
  iterations: 10,
  cgSteps: 3,
  seed: 42,
  weighting: 'value',
};

/** Rows of a weighted sparse matrix: repeats of a (row, col) pair summed. */
export interface WeightedRows {
  readonly nRows: number;
  readonly offsets: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float32Array;
}

export function weightedRows(data: TrainingData, by: 'user' | 'item', binary = false): WeightedRows {
  const rowKey = by === 'user' ? data.user : data.item;
  const colKey = by === 'user' ? data.item : data.user;
  const nRows = by === 'user' ? data.nUsers : data.nItems;
  const counts = new Int32Array(nRows + 1);
  for (let r = 0; r < data.length; r++) counts[rowKey[r]! + 1]!++;
  for (let i = 0; i < nRows; i++) counts[i + 1]! += counts[i]!;
  const fill = counts.slice(0, nRows);
  const order = new Int32Array(data.length);
  for (let r = 0; r < data.length; r++) order[fill[rowKey[r]!]!++] = r;
  const offsets = new Int32Array(nRows + 1);
  const cols = new Int32Array(data.length);
  const values = new Float32Array(data.length);
  let n = 0;
  for (let i = 0; i < nRows; i++) {
    const rows = Array.from(order.subarray(counts[i]!, counts[i + 1]!)).sort(
      (a, b) => colKey[a]! - colKey[b]! || a - b,
    );
    for (let t = 0; t < rows.length; t++) {
      const r = rows[t]!;
      const w = binary ? 1 : data.rating[r]!;
      if (t > 0 && colKey[r] === colKey[rows[t - 1]!]) {
        if (!binary) values[n - 1]! += w;
      } else {
        cols[n] = colKey[r]!;
        values[n++] = w;
      }
    }
    offsets[i + 1] = n;
  }
  return { nRows, offsets, cols: cols.slice(0, n), values: values.slice(0, n) };
}

/** YᵀY + λI for the n x f row-major factors Y, as an f x f Float64Array. */
export function gramian(factors: Float32Array, n: number, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let r = 0; r < n; r++) {
    const o = r * f;
    for (let a = 0; a < f; a++) {
      const ya = factors[o + a]!;
      if (ya === 0) continue;
      const ga = a * f;
      for (let b = a; b < f; b++) g[ga + b]! += ya * factors[o + b]!;
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a]! += lambda;
    for (let b = a + 1; b < f; b++) g[b * f + a] = g[a * f + b]!;
  }
  return g;
}

/** Scratch vectors for one CG row solve, reused across rows. */
export class CgScratch {
  readonly x: Float64Array;
  readonly r: Float64Array;
  readonly p: Float64Array;
  readonly ap: Float64Array;
  /** The row's interaction vectors y_t, gathered contiguously (grows as needed). */
  ys: Float64Array;
  /** The row's c_t - 1. */
  cs: Float64Array;
  constructor(readonly f: number) {
    this.x = new Float64Array(f);
    this.r = new Float64Array(f);
    this.p = new Float64Array(f);
    this.ap = new Float64Array(f);
    this.ys = new Float64Array(64 * f);
    this.cs = new Float64Array(64);
  }

  /** Copies the rows cols[from..to) of `other` and their confidences into ys and cs. */
  gather(other: Float32Array, cols: Int32Array, conf: Float32Array, from: number, to: number): number {
    const f = this.f;
    const m = to - from;
    if (this.cs.length < m) {
      const size = Math.max(m, 2 * this.cs.length);
      this.cs = new Float64Array(size);
      this.ys = new Float64Array(size * f);
    }
    const ys = this.ys;
    for (let t = 0; t < m; t++) {
      const o = cols[from + t]! * f;
      const d = t * f;
      this.cs[t] = conf[from + t]!;
      for (let a = 0; a < f; a++) ys[d + a] = other[o + a]!;
    }
    return m;
  }
}

/** other[o .. o+f) · v, with four accumulators. */
function dotRow(other: Float64Array, o: number, v: Float64Array, f: number): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let b = 0;
  for (; b + 3 < f; b += 4) {
    d0 += other[o + b]! * v[b]!;
    d1 += other[o + b + 1]! * v[b + 1]!;
    d2 += other[o + b + 2]! * v[b + 2]!;
    d3 += other[o + b + 3]! * v[b + 3]!;
  }
  for (; b < f; b++) d0 += other[o + b]! * v[b]!;
  return d0 + d1 + d2 + d3;
}

// out = (G + Σ_t cs_t y_t y_tᵀ) v over the m gathered rows y_t = ys[t*f ..], where G already
// holds λI. Several independent accumulators per loop (a single running sum waits on the add
// latency at every element), and interactions in pairs so that each load of v and of out feeds
// two rows.
function applyRowMatrix(
  gram: Float64Array,
  ys: Float64Array,
  cs: Float64Array,
  m: number,
  f: number,
  v: Float64Array,
  out: Float64Array,
): void {
  let a = 0;
  for (; a + 3 < f; a += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const g0 = a * f;
    const g1 = g0 + f;
    const g2 = g1 + f;
    const g3 = g2 + f;
    for (let b = 0; b < f; b++) {
      const vb = v[b]!;
      s0 += gram[g0 + b]! * vb;
      s1 += gram[g1 + b]! * vb;
      s2 += gram[g2 + b]! * vb;
      s3 += gram[g3 + b]! * vb;
    }
    out[a] = s0;
    out[a + 1] = s1;
    out[a + 2] = s2;
    out[a + 3] = s3;
  }
  for (; a < f; a++) {
    let s = 0;
    for (let b = 0; b < f; b++) s += gram[a * f + b]! * v[b]!;
    out[a] = s;
  }
  let t = 0;
  for (; t + 1 < m; t += 2) {
    const o0 = t * f;
    const o1 = o0 + f;
    let d0 = 0;
    let d1 = 0;
    let e0 = 0;
    let e1 = 0;
    let b = 0;
    for (; b + 1 < f; b += 2) {
      const v0 = v[b]!;
      const v1 = v[b + 1]!;
      d0 += ys[o0 + b]! * v0;
      e0 += ys[o0 + b + 1]! * v1;
      d1 += ys[o1 + b]! * v0;
      e1 += ys[o1 + b + 1]! * v1;
    }
    if (b < f) {
      d0 += ys[o0 + b]! * v[b]!;
      d1 += ys[o1 + b]! * v[b]!;
    }
    const w0 = (d0 + e0) * cs[t]!;
    const w1 = (d1 + e1) * cs[t + 1]!;
    for (b = 0; b < f; b++) out[b]! += w0 * ys[o0 + b]! + w1 * ys[o1 + b]!;
  }
  if (t < m) {
    const o = t * f;
    const w = dotRow(ys, o, v, f) * cs[t]!;
    for (let b = 0; b < f; b++) out[b]! += w * ys[o + b]!;
  }
}

/**
 * Takes `steps` CG steps on (G + Σ (c_t - 1) y_t y_tᵀ) x = Σ c_t y_t for one row, where c_t - 1 =
 * conf[t] over the row's entries t in [from, to), y_t = row cols[t] of `other`, and G = YᵀY + λI.
 * Starts from, and writes back to, `target[targetRow * f ..]`.
 */
export function conjugateGradientRow(
  gram: Float64Array,
  other: Float32Array,
  cols: Int32Array,
  conf: Float32Array,
  from: number,
  to: number,
  target: Float32Array,
  targetRow: number,
  steps: number,
  s: CgScratch,
): void {
  const { f, x, r, p, ap } = s;
  const o = targetRow * f;
  for (let a = 0; a < f; a++) x[a] = target[o + a]!;
  // gathered once, the row's vectors are read 2 (steps + 1) times from contiguous memory
  // instead of from rows scattered over `other`
  const m = s.gather(other, cols, conf, from, to);
  const { ys, cs } = s;
  // r = b - A x = -(G x) + Σ_t y_t (c_t - conf_t (y_t·x)): one pass over the interactions
  // instead of one for b and one for A x
  applyRowMatrix(gram, ys, cs, 0, f, x, ap);
  for (let a = 0; a < f; a++) r[a] = -ap[a]!;
  for (let t = 0; t < m; t++) {
    const oy = t * f;
    const w = 1 + cs[t]! - cs[t]! * dotRow(ys, oy, x, f);
    for (let a = 0; a < f; a++) r[a]! += w * ys[oy + a]!;
  }
  let rs = 0;
  for (let a = 0; a < f; a++) {
    p[a] = r[a]!;
    rs += r[a]! * r[a]!;
  }
  for (let step = 0; step < steps && rs > 1e-20; step++) {
    applyRowMatrix(gram, ys, cs, m, f, p, ap);
    let pap = 0;
    for (let a = 0; a < f; a++) pap += p[a]! * ap[a]!;
    if (!(pap > 0)) break;
    const alpha = rs / pap;
    let rsNew = 0;
    for (let a = 0; a < f; a++) {
      x[a]! += alpha * p[a]!;
      r[a]! -= alpha * ap[a]!;
      rsNew += r[a]! * r[a]!;
    }
    const beta = rsNew / rs;
    for (let a = 0; a < f; a++) p[a] = r[a]! + beta * p[a]!;
    rs = rsNew;
  }
  for (let a = 0; a < f; a++) target[o + a] = x[a]!;
}

export class IalsRecommender implements Recommender, Serializable {
  readonly name = 'ials';
  readonly options: Required<IalsOptions>;
  private nUsers = 0;
  private nItems = 0;
  private userFactors: Float32Array = new Float32Array(0);
  private itemFactors: Float32Array = new Float32Array(0);
  private byUser: WeightedRows | null = null;
  /** Loss after each sweep of the last fit, when `trackLoss` was set. */
  readonly lossHistory: number[] = [];

  constructor(
    options: IalsOptions = {},
    private readonly trackLoss = false,
  ) {
    this.options = { ...IALS_DEFAULTS, ...options };
    const { factors, lambda, alpha, iterations, cgSteps } = this.options;
    if (!(Number.isInteger(factors) && factors > 0))
      throw new RangeError('ials factors must be a positive integer');
    if (!(lambda >= 0) || !(alpha >= 0)) throw new RangeError('ials lambda and alpha must be non-negative');
    if (!(Number.isInteger(iterations) && iterations >= 0) || !(Number.isInteger(cgSteps) && cgSteps > 0))
      throw new RangeError('ials iterations must be a non-negative and cgSteps a positive integer');
  }

  fit(train: TrainingData): void {
    const { factors: f, lambda, alpha, iterations, cgSteps, seed, weighting } = this.options;
    const binary = weighting === 'binary';
    const byUser = weightedRows(train, 'user', binary);
    const byItem = weightedRows(train, 'item', binary);
    // confidences minus one, stored once per side so the row solves never recompute them
    const userConf = byUser.values.map((w) => alpha * w);
    const itemConf = byItem.values.map((w) => alpha * w);
    this.nUsers = train.nUsers;
    this.nItems = train.nItems;
    this.byUser = byUser;
    const rng = new Rng(seed);
    // small random factors: large ones would start every prediction far from 0 for unseen cells
    const sd = 0.1 / Math.sqrt(f);
    this.userFactors = Float32Array.from({ length: train.nUsers * f }, () => rng.normal(0, sd));
    this.itemFactors = Float32Array.from({ length: train.nItems * f }, () => rng.normal(0, sd));
    const scratch = new CgScratch(f);
    this.lossHistory.length = 0;
    for (let it = 0; it < iterations; it++) {
      this.sweep(byUser, userConf, this.userFactors, this.itemFactors, this.nItems, lambda, cgSteps, scratch);
      this.sweep(byItem, itemConf, this.itemFactors, this.userFactors, this.nUsers, lambda, cgSteps, scratch);
      if (this.trackLoss) this.lossHistory.push(this.loss());
    }
  }

  private sweep(
    rows: WeightedRows,
    conf: Float32Array,
    target: Float32Array,
    other: Float32Array,
    nOther: number,
    lambda: number,
    steps: number,
    scratch: CgScratch,
  ): void {
    const f = this.options.factors;
    const gram = gramian(other, nOther, f, lambda);
    for (let r = 0; r < rows.nRows; r++) {
      conjugateGradientRow(
        gram,
        other,
        rows.cols,
        conf,
        rows.offsets[r]!,
        rows.offsets[r + 1]!,
        target,
        r,
        steps,
        scratch,
      );
    }
  }

  /**
   * The objective Σ_all c (p - x·y)² + λ(‖X‖² + ‖Y‖²), computed as Σ_all (x·y)² (from the two
   * Gramians, no dense prediction matrix) plus the observed cells' correction c(1 - s)² - s².
   */
  loss(): number {
    const f = this.options.factors;
    const gx = gramian(this.userFactors, this.nUsers, f, 0);
    const gy = gramian(this.itemFactors, this.nItems, f, 0);
    let total = 0;
    for (let t = 0; t < f * f; t++) total += gx[t]! * gy[t]!;
    let reg = 0;
    for (let a = 0; a < f; a++) reg += gx[a * f + a]! + gy[a * f + a]!;
    total += this.options.lambda * reg;
    const rows = this.byUser;
    if (!rows) return total;
    for (let u = 0; u < rows.nRows; u++) {
      for (let t = rows.offsets[u]!; t < rows.offsets[u + 1]!; t++) {
        const s = this.predict(u, rows.cols[t]!);
        const c = 1 + this.options.alpha * rows.values[t]!;
        total += c * (1 - s) * (1 - s) - s * s;
      }
    }
    return total;
  }

  predict(user: number, item: number): number {
    const f = this.options.factors;
    let s = 0;
    for (let a = 0; a < f; a++) s += this.userFactors[user * f + a]! * this.itemFactors[item * f + a]!;
    return s;
  }

  /** Copies of the factor matrices (row-major, users x f and items x f). */
  factors(): { users: Float32Array; items: Float32Array } {
    return { users: this.userFactors.slice(), items: this.itemFactors.slice() };
  }

  scoreUser(user: number, out: Float32Array): void {
    out.fill(0);
    if (user < 0 || user >= this.nUsers) return;
    const f = this.options.factors;
    const uo = user * f;
    const m = Math.min(out.length, this.nItems);
    for (let i = 0; i < m; i++) {
      const io = i * f;
      let s = 0;
      for (let a = 0; a < f; a++) s += this.userFactors[uo + a]! * this.itemFactors[io + a]!;
      out[i] = s;
    }
  }

  /** The two factor matrices; the loss bookkeeping (training rows) is not kept. */
  toArtifact(context: ArtifactContext): ModelArtifact {
    const f = this.options.factors;
    return createArtifact(
      {
        model: this.name,
        options: { ...this.options },
        nUsers: this.nUsers,
        nItems: this.nItems,
        sections: {
          userFactors: { data: this.userFactors, shape: [this.nUsers, f] },
          itemFactors: { data: this.itemFactors, shape: [this.nItems, f] },
        },
      },
      context,
    );
  }

  static fromArtifact(artifact: ModelArtifact): IalsRecommender {
    checkModel(artifact, 'ials');
    const weighting = artifact.options.weighting;
    if (weighting !== undefined && weighting !== 'value' && weighting !== 'binary')
      throw new ArtifactError(`ials artifact: unknown weighting ${JSON.stringify(weighting)}`);
    const model = new IalsRecommender({
      ...numberOptions(artifact, ['factors', 'lambda', 'alpha', 'iterations', 'cgSteps', 'seed']),
      ...(weighting === undefined ? {} : { weighting }),
    });
    const f = model.options.factors;
    const { nUsers, nItems } = artifact;
    model.nUsers = nUsers;
    model.nItems = nItems;
    model.userFactors = section(artifact, 'userFactors', 'float32', [nUsers, f]);
    model.itemFactors = section(artifact, 'itemFactors', 'float32', [nItems, f]);
    return model;
  }
}
