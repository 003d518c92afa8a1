// BPR-MF: Bayesian personalised ranking with matrix factorisation (Rendle, Freudenthaler, Gantner
// & Schmidt-Thieme 2009). Implicit feedback: every (user, item) with a rating at or above the
// threshold is a positive. The model scores x_ui = b_i + p_u·q_i and maximises
// Σ ln σ(x_ui - x_uj) over triples (u, i positive, j not positive) by stochastic gradient ascent,
// drawing the positive pair uniformly from the positive interactions and the negative item
// uniformly from the catalog (redrawn while it is one of the user's positives), with L2
// regularisation on p_u, q_i, q_j and the item biases.
import { Rng } from '../core/index.js';
import {
  checkModel,
  createArtifact,
  numberOptions,
  section,
  type ArtifactContext,
  type ModelArtifact,
  type Serializable,
} from './artifact.js';
import type { Recommender, TrainingData } from './types.js';

export interface BprOptions {
  /** Latent dimensions. */
  factors?: number;
  /** SGD step size. */
  learningRate?: number;
  /** L2 regularisation of the user factors. */
  regUser?: number;
  /** L2 regularisation of the item factors (positive and negative item alike). */
  regItem?: number;
  /** L2 regularisation of the item biases. */
  regBias?: number;
  /** Passes; each draws `samplesPerEpoch` triples. */
  epochs?: number;
  /** Triples per epoch; default (0): the number of distinct positive (user, item) pairs. */
  samplesPerEpoch?: number;
  /** Seed of the initialisation and the sampling. */
  seed?: number;
  /** An interaction is a positive when its rating is at least this; default (-Infinity): every one. */
  threshold?: number;
}

/**
 * Defaults tuned on a validation split carved from the ml-100k MSR training set
 * (bench/results/models-ml100k.md).
 */
export const BPR_DEFAULTS: Required<BprOptions> = {
  factors: 128,
  learningRate: 0.03,
  regUser: 0.015,
  regItem: 0.015,
  regBias: 0,
  epochs: 100,
  samplesPerEpoch: 0,
  seed: 42,
  threshold: -Infinity,
};

/** Positives per user: sorted, de-duplicated item indices (CSR), of ratings >= threshold. */
function positiveRows(data: TrainingData, threshold: number): { offsets: Int32Array; cols: Int32Array } {
  const nUsers = data.nUsers;
  const offsets = new Int32Array(nUsers + 1);
  for (let r = 0; r < data.length; r++) if (data.rating[r]! >= threshold) offsets[data.user[r]! + 1]!++;
  for (let u = 0; u < nUsers; u++) offsets[u + 1]! += offsets[u]!;
  const fill = offsets.slice(0, nUsers);
  const raw = new Int32Array(offsets[nUsers]!);
  for (let r = 0; r < data.length; r++)
    if (data.rating[r]! >= threshold) raw[fill[data.user[r]!]!++] = data.item[r]!;
  const outOffsets = new Int32Array(nUsers + 1);
  const cols = new Int32Array(raw.length);
  let n = 0;
  for (let u = 0; u < nUsers; u++) {
    const row = raw.subarray(offsets[u]!, offsets[u + 1]!).sort();
    for (let t = 0; t < row.length; t++) if (t === 0 || row[t] !== row[t - 1]) cols[n++] = row[t]!;
    outOffsets[u + 1] = n;
  }
  return { offsets: outOffsets, cols: cols.slice(0, n) };
}

/** Whether the sorted cols[from..to) contain x. */
function contains(cols: Int32Array, from: number, to: number, x: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = cols[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * One ascent step on ln σ(x_ui - x_uj) for the user row at `uo` (= u·f), positive i, negative j.
 * A function of its own so that V8 optimises it as a whole (written inside fit's loop, the
 * same arithmetic ran 1.3-1.7x slower); the dot product uses four accumulators, and each p_u element is read before it is
 * written, so the old p_u needs no copy.
 */
function sgdStep(
  p: Float32Array,
  q: Float32Array,
  bias: Float32Array,
  uo: number,
  i: number,
  j: number,
  f: number,
  lr: number,
  regBias: number,
  decayUser: number,
  decayItem: number,
): void {
  const io = i * f;
  const jo = j * f;
  let x0 = bias[i]! - bias[j]!;
  let x1 = 0;
  let x2 = 0;
  let x3 = 0;
  let a = 0;
  for (; a + 3 < f; a += 4) {
    x0 += p[uo + a]! * (q[io + a]! - q[jo + a]!);
    x1 += p[uo + a + 1]! * (q[io + a + 1]! - q[jo + a + 1]!);
    x2 += p[uo + a + 2]! * (q[io + a + 2]! - q[jo + a + 2]!);
    x3 += p[uo + a + 3]! * (q[io + a + 3]! - q[jo + a + 3]!);
  }
  for (; a < f; a++) x0 += p[uo + a]! * (q[io + a]! - q[jo + a]!);
  // d/dx ln σ(x) = σ(-x)
  const z = 1 / (1 + Math.exp(x0 + x1 + x2 + x3));
  bias[i] = bias[i]! + lr * (z - regBias * bias[i]!);
  bias[j] = bias[j]! + lr * (-z - regBias * bias[j]!);
  const step = lr * z;
  for (a = 0; a < f; a++) {
    const pa = p[uo + a]!;
    const qi = q[io + a]!;
    const qj = q[jo + a]!;
    p[uo + a] = decayUser * pa + step * (qi - qj);
    q[io + a] = decayItem * qi + step * pa;
    q[jo + a] = decayItem * qj - step * pa;
  }
}

function checkOptions(o: Required<BprOptions>): void {
  const positiveInt = (x: number) => Number.isInteger(x) && x > 0;
  if (!positiveInt(o.factors))
    throw new RangeError(`bpr factors must be a positive integer, got ${o.factors}`);
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate)))
    throw new RangeError(`bpr learningRate must be a positive number, got ${o.learningRate}`);
  for (const key of ['regUser', 'regItem', 'regBias'] as const)
    if (!(o[key] >= 0 && Number.isFinite(o[key])))
      throw new RangeError(`bpr ${key} must be a non-negative number, got ${o[key]}`);
  if (!(Number.isInteger(o.epochs) && o.epochs >= 0))
    throw new RangeError(`bpr epochs must be a non-negative integer, got ${o.epochs}`);
  if (!(Number.isInteger(o.samplesPerEpoch) && o.samplesPerEpoch >= 0))
    throw new RangeError(`bpr samplesPerEpoch must be a non-negative integer, got ${o.samplesPerEpoch}`);
  if (Number.isNaN(o.threshold)) throw new RangeError('bpr threshold must be a number');
}

export class BprRecommender implements Recommender, Serializable {
  readonly name = 'bpr';
  readonly options: Required<BprOptions>;
  private nUsers = 0;
  private nItems = 0;
  private userFactors: Float32Array = new Float32Array(0);
  private itemFactors: Float32Array = new Float32Array(0);
  private itemBias: Float32Array = new Float32Array(0);

  constructor(options: BprOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...BPR_DEFAULTS, ...defined };
    checkOptions(this.options);
  }

  fit(train: TrainingData): void {
    const { factors: f, learningRate: lr, regUser, regItem, regBias, epochs, seed, threshold } = this.options;
    const nUsers = train.nUsers;
    const nItems = train.nItems;
    const { offsets, cols } = positiveRows(train, threshold);
    // the user of each positive pair, so that a pair can be drawn with one random index
    const pairUser = new Int32Array(cols.length);
    for (let u = 0; u < nUsers; u++) pairUser.fill(u, offsets[u]!, offsets[u + 1]!);
    const rng = new Rng(seed);
    const sd = 0.1 / Math.sqrt(f);
    const p = Float32Array.from({ length: nUsers * f }, () => rng.normal(0, sd));
    const q = Float32Array.from({ length: nItems * f }, () => rng.normal(0, sd));
    const bias = new Float32Array(nItems);
    this.nUsers = nUsers;
    this.nItems = nItems;
    this.userFactors = p;
    this.itemFactors = q;
    this.itemBias = bias;
    const nPairs = cols.length;
    if (nPairs === 0 || nItems < 2) return;
    const samples = this.options.samplesPerEpoch || nPairs;
    const decayUser = 1 - lr * regUser;
    const decayItem = 1 - lr * regItem;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let s = 0; s < samples; s++) {
        const pair = rng.int(nPairs);
        const u = pairUser[pair]!;
        const from = offsets[u]!;
        const to = offsets[u + 1]!;
        // a user who has every item as a positive has no negative to contrast
        if (to - from >= nItems) continue;
        const i = cols[pair]!;
        let j = rng.int(nItems);
        while (contains(cols, from, to, j)) j = rng.int(nItems);
        sgdStep(p, q, bias, u * f, i, j, f, lr, regBias, decayUser, decayItem);
      }
    }
  }

  /** b_i + p_u·q_i. */
  predict(user: number, item: number): number {
    const f = this.options.factors;
    let s = this.itemBias[item]!;
    for (let a = 0; a < f; a++) s += this.userFactors[user * f + a]! * this.itemFactors[item * f + a]!;
    return s;
  }

  /** Copies of the parameters (row-major users x f and items x f, and the item biases). */
  parameters(): { users: Float32Array; items: Float32Array; bias: Float32Array } {
    return { users: this.userFactors.slice(), items: this.itemFactors.slice(), bias: this.itemBias.slice() };
  }

  /** Item bias plus p_u·q_i; a user outside the training index space gets the biases alone. */
  scoreUser(user: number, out: Float32Array): void {
    const m = Math.min(out.length, this.nItems);
    out.fill(0);
    out.set(this.itemBias.subarray(0, m));
    if (user < 0 || user >= this.nUsers) return;
    const f = this.options.factors;
    const uo = user * f;
    for (let i = 0; i < m; i++) {
      const io = i * f;
      let s = 0;
      for (let a = 0; a < f; a++) s += this.userFactors[uo + a]! * this.itemFactors[io + a]!;
      out[i] = out[i]! + s;
    }
  }

  toArtifact(context: ArtifactContext): ModelArtifact {
    const f = this.options.factors;
    const { threshold, ...rest } = this.options;
    return createArtifact(
      {
        model: this.name,
        // JSON has no -Infinity: "every interaction is a positive" is stored as null
        options: { ...rest, threshold: Number.isFinite(threshold) ? threshold : null },
        nUsers: this.nUsers,
        nItems: this.nItems,
        sections: {
          userFactors: { data: this.userFactors, shape: [this.nUsers, f] },
          itemFactors: { data: this.itemFactors, shape: [this.nItems, f] },
          itemBias: { data: this.itemBias, shape: [this.nItems] },
        },
      },
      context,
    );
  }

  static fromArtifact(artifact: ModelArtifact): BprRecommender {
    checkModel(artifact, 'bpr');
    // a null threshold (JSON's stand-in for -Infinity) is left out, so the default applies
    const model = new BprRecommender(
      numberOptions(artifact, [
        'factors', 'learningRate', 'regUser', 'regItem', 'regBias', 'epochs', 'samplesPerEpoch', 'seed', 'threshold',
      ]), // prettier-ignore
    );
    const f = model.options.factors;
    const { nUsers, nItems } = artifact;
    model.nUsers = nUsers;
    model.nItems = nItems;
    model.userFactors = section(artifact, 'userFactors', 'float32', [nUsers, f]);
    model.itemFactors = section(artifact, 'itemFactors', 'float32', [nItems, f]);
    model.itemBias = section(artifact, 'itemBias', 'float32', [nItems]);
    return model;
  }
}
