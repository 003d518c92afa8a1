// A small multi-task network for the ranking heads: shared bottom (a sparse embedding-bag layer
// over the ranking model's hashed encoding, then shared dense ReLU layers) and one tower per head
// (mlp-network.ts), trained with Adam on seeded mini-batches (mlp-adam.ts).
//
// The loss is the sum over heads of each head's log loss, the watch head's on its soft label in
// [0, 1] as FTRL's is; its derivative by head k's margin is p_k − y_k. Every random draw (initial
// weights, each epoch's shuffle) follows the seed, and an epoch's shuffle is seeded by the steps
// taken before it, so a model saved and loaded goes on training exactly as the original would.
//
// Why shared bottom and not a mixture of experts: the six heads are views of one thing here (how
// much the viewer liked the video: finishing, watching, liking, sharing, following, not skipping
// all rise with it), so there is little task conflict for MMoE's gates to resolve, and with tens of
// thousands of samples a shared layer learns from all heads' labels at once, which helps the rare
// ones (shares and follows are under 1%).
import { hash32, Rng } from '../core/index.js';
import {
  ArtifactError,
  checkModel,
  createArtifact,
  section,
  type JsonObject,
  type ModelArtifact,
} from './artifact.js';
import { float64Bits, fromFloat64Bits, sigmoid, type SparseVector } from './ftrl.js';
import { AdamState } from './mlp-adam.js';
import { MlpNetwork, RowGradients } from './mlp-network.js';
import { mlpOptions, mlpOptionsOf, type MlpOptions } from './mlp-options.js';
import {
  FeatureIndexCache,
  HEADS,
  encodeFeatures,
  type FeatureInput,
  type HeadScores,
} from './multi-task-ftrl.js';

/** The artifact's model name. */
export const MLP_MODEL = 'multi-task-mlp';

/** The data gradient of a batch's mean loss: dense parameters (the layout's offsets) and embedding rows. */
export interface MlpGradient {
  readonly loss: number;
  readonly dense: Float64Array;
  readonly rows: ReadonlyMap<number, Float64Array>;
}

/** log(1 + e^m), without overflow. */
function softplus(m: number): number {
  return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
}

function checkLabels(labels: readonly Readonly<HeadScores>[], n: number): void {
  if (labels.length !== n) throw new RangeError(`mlp: ${n} samples but ${labels.length} labels`);
  labels.forEach((y, i) => {
    for (const head of HEADS)
      if (!(y[head] >= 0 && y[head] <= 1))
        throw new RangeError(`mlp label ${head} of sample ${i} is ${y[head]}, not in [0, 1]`);
  });
}

export class MultiTaskMlp {
  readonly options: MlpOptions;
  readonly network: MlpNetwork;
  private readonly adam: AdamState;
  private readonly weightMask: Uint8Array;
  private readonly grad: Float64Array;
  private readonly rows: RowGradients;
  private readonly dMargins = new Float64Array(HEADS.length);
  private indexCache: FeatureIndexCache | null = null;

  constructor(options: Partial<MlpOptions> = {}) {
    this.options = mlpOptions(options);
    this.network = new MlpNetwork(this.options, HEADS.length);
    const nRows = 1 << this.options.bits;
    this.adam = new AdamState(this.network.layout.size, nRows, this.options.embedding);
    this.weightMask = this.network.weightMask();
    this.grad = new Float64Array(this.network.layout.size);
    this.rows = new RowGradients(nRows, this.options.embedding);
  }

  /** Adam steps taken. */
  get steps(): number {
    return this.adam.step;
  }

  /** The hashed encoding of a candidate's features (the ranking model's, multi-task-ftrl.ts). */
  encode(input: FeatureInput): SparseVector {
    return encodeFeatures(
      input,
      this.options.bits,
      (this.indexCache ??= new FeatureIndexCache(this.options.bits)),
    );
  }

  /** Every head's prediction for one encoded candidate. */
  scores(x: SparseVector): HeadScores {
    const m = this.network.forward(x);
    const out = {} as HeadScores;
    HEADS.forEach((head, k) => (out[head] = sigmoid(m[k]!)));
    return out;
  }

  /** The mean over `batch` of the summed heads' log loss; with `backward`, its gradient into grad and rows. */
  private pass(
    xs: readonly SparseVector[],
    labels: readonly Readonly<HeadScores>[],
    batch: ArrayLike<number>,
    backward: boolean,
  ): number {
    let loss = 0;
    const scale = 1 / batch.length;
    for (let b = 0; b < batch.length; b++) {
      const s = batch[b]!;
      const m = this.network.forward(xs[s]!);
      HEADS.forEach((head, k) => {
        const y = labels[s]![head];
        loss += softplus(m[k]!) - y * m[k]!;
        this.dMargins[k] = (1 / (1 + Math.exp(-m[k]!)) - y) * scale;
      });
      if (backward) this.network.backward(xs[s]!, this.dMargins, this.grad, this.rows);
    }
    return loss * scale;
  }

  /** The mean summed log loss of the samples. */
  loss(xs: readonly SparseVector[], labels: readonly Readonly<HeadScores>[]): number {
    checkLabels(labels, xs.length);
    return this.pass(xs, labels, Int32Array.from(xs.keys()), false);
  }

  /** The data gradient (no L2) of the samples' mean summed log loss, for checks. */
  gradient(xs: readonly SparseVector[], labels: readonly Readonly<HeadScores>[]): MlpGradient {
    checkLabels(labels, xs.length);
    this.grad.fill(0);
    this.rows.clear();
    const loss = this.pass(xs, labels, Int32Array.from(xs.keys()), true);
    const w = this.options.embedding;
    const rows = new Map<number, Float64Array>();
    this.rows.rows.forEach((row, s) => rows.set(row, this.rows.values.slice(s * w, s * w + w)));
    this.rows.clear();
    return { loss, dense: this.grad.slice(), rows };
  }

  /** One Adam step on the samples `batch` (indices into xs); returns the batch's loss before it. */
  trainBatch(
    xs: readonly SparseVector[],
    labels: readonly Readonly<HeadScores>[],
    batch: ArrayLike<number>,
  ): number {
    this.grad.fill(0);
    this.rows.clear();
    const loss = this.pass(xs, labels, batch, true);
    const net = this.network;
    this.adam.apply(this.options, net.dense, this.grad, this.weightMask, net.embedding, this.rows);
    this.rows.clear();
    return loss;
  }

  /**
   * `epochs` passes over the samples in mini-batches, each epoch in a fresh order seeded by the seed
   * and the steps taken so far. A fresh model first sets each head's output bias to the logit of
   * its label's mean, so training starts from the base rates. Returns each epoch's mean batch loss.
   */
  fit(
    xs: readonly SparseVector[],
    labels: readonly Readonly<HeadScores>[],
    epochs = this.options.epochs,
  ): number[] {
    checkLabels(labels, xs.length);
    if (this.adam.step === 0 && xs.length > 0) this.startFromBaseRates(labels);
    const order = Int32Array.from(xs.keys());
    const { batchSize } = this.options;
    const losses: number[] = [];
    for (let e = 0; e < epochs; e++) {
      const rng = new Rng(hash32(this.options.seed ^ hash32(this.adam.step + 1)));
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      let sum = 0;
      let batches = 0;
      for (let at = 0; at < order.length; at += batchSize, batches++)
        sum += this.trainBatch(xs, labels, order.subarray(at, at + batchSize));
      losses.push(batches > 0 ? sum / batches : Number.NaN);
    }
    return losses;
  }

  private startFromBaseRates(labels: readonly Readonly<HeadScores>[]): void {
    HEADS.forEach((head, k) => {
      let sum = 0;
      for (const y of labels) sum += y[head];
      const mean = Math.min(1 - 1e-4, Math.max(1e-4, sum / labels.length));
      this.network.dense[this.network.layout.towers[k]!.out.b] = Math.log(mean / (1 - mean));
    });
  }

  /**
   * The whole training state as an artifact, float64 values as bit-exact int32 pairs: the dense
   * parameters and their Adam moments, the embedding rows some step moved with theirs, and the step
   * count. Untouched rows keep their seeded initial values, which the seed recreates.
   */
  toArtifact(training?: JsonObject, createdAt?: Date | string): ModelArtifact {
    const w = this.options.embedding;
    const index: number[] = [];
    this.adam.touched.forEach((t, row) => t && index.push(row));
    const gather = (all: Float64Array) => {
      const out = new Float64Array(index.length * w);
      index.forEach((row, t) => out.set(all.subarray(row * w, row * w + w), t * w));
      return { data: float64Bits(out), shape: [index.length, w, 2] };
    };
    const dense = (values: Float64Array) => ({
      data: float64Bits(values.slice()),
      shape: [values.length, 2],
    });
    const { network: net, adam } = this;
    return createArtifact(
      {
        model: MLP_MODEL,
        options: { ...this.options, shared: [...this.options.shared] },
        nUsers: 0,
        nItems: 0,
        sections: {
          step: { data: Int32Array.of(adam.step), shape: [1] },
          dense: dense(net.dense),
          denseM: dense(adam.denseM),
          denseV: dense(adam.denseV),
          rowIndex: { data: Int32Array.from(index), shape: [index.length] },
          rows: gather(net.embedding),
          rowM: gather(adam.rowM),
          rowV: gather(adam.rowV),
        },
      },
      { itemIds: [], userIds: [], ...(training ? { training } : {}), ...(createdAt ? { createdAt } : {}) },
    );
  }

  static fromArtifact(artifact: ModelArtifact): MultiTaskMlp {
    checkModel(artifact, MLP_MODEL);
    const model = new MultiTaskMlp(mlpOptionsOf(artifact));
    const { network: net, adam } = model;
    const size = net.layout.size;
    const w = model.options.embedding;
    const nRows = 1 << model.options.bits;
    const n = artifact.sections.rowIndex?.shape[0] ?? 0;
    const f64 = (name: string, shape: number[]) => fromFloat64Bits(section(artifact, name, 'int32', shape));
    adam.step = section(artifact, 'step', 'int32', [1])[0]!;
    net.dense.set(f64('dense', [size, 2]));
    adam.denseM.set(f64('denseM', [size, 2]));
    adam.denseV.set(f64('denseV', [size, 2]));
    const index = section(artifact, 'rowIndex', 'int32', [n]);
    const rows = f64('rows', [n, w, 2]);
    const rowM = f64('rowM', [n, w, 2]);
    const rowV = f64('rowV', [n, w, 2]);
    index.forEach((row, t) => {
      if (!(row >= 0 && row < nRows))
        throw new ArtifactError(`mlp section rowIndex: ${row} is outside 2^bits`);
      adam.touched[row] = 1;
      net.embedding.set(rows.subarray(t * w, t * w + w), row * w);
      adam.rowM.set(rowM.subarray(t * w, t * w + w), row * w);
      adam.rowV.set(rowV.subarray(t * w, t * w + w), row * w);
    });
    return model;
  }
}
