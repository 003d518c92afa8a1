// The shared-bottom multi-task network of mlp.ts: its parameters, one sample's forward pass and
// the backward pass that accumulates that sample's gradient.
//
//   h0     = relu(b0 + Σ_t x_t E[i_t])                 sparse first layer: an embedding bag over the
//                                                      hashed coordinates, weighted by their values
//   h_l    = relu(W_l h_{l-1} + b_l)                   shared dense layers
//   t_k    = relu(U_k h_L + c_k)                       one tower per head k
//   m_k    = u_k · t_k + d_k,   p_k = sigmoid(m_k)     its margin and prediction
//
// Dense parameters live in one Float64Array (`dense`, offsets in `layout`), the embedding table in
// another (2^bits rows of `embedding` values). Weights are row-major [output][input].
import { Rng } from '../core/index.js';
import type { SparseVector } from './ftrl.js';
import type { MlpOptions } from './mlp-options.js';

/** Offsets of one dense layer's weights (outputs x inputs) and biases in `dense`. */
export interface DenseLayer {
  readonly w: number;
  readonly b: number;
  readonly inputs: number;
  readonly outputs: number;
}

export interface MlpLayout {
  /** The first layer's bias (`embedding` values). */
  readonly b0: number;
  readonly shared: readonly DenseLayer[];
  /** Per head: its hidden layer and its one-unit output layer. */
  readonly towers: readonly { readonly hidden: DenseLayer; readonly out: DenseLayer }[];
  /** Number of dense parameters. */
  readonly size: number;
}

export function mlpLayout(o: MlpOptions, heads: number): MlpLayout {
  let size = 0;
  const layer = (inputs: number, outputs: number): DenseLayer => {
    const l = { w: size, b: size + inputs * outputs, inputs, outputs };
    size += inputs * outputs + outputs;
    return l;
  };
  const b0 = size;
  size += o.embedding;
  const shared: DenseLayer[] = [];
  let width = o.embedding;
  for (const w of o.shared) {
    shared.push(layer(width, w));
    width = w;
  }
  const towers = Array.from({ length: heads }, () => {
    const hidden = layer(width, o.tower);
    return { hidden, out: layer(o.tower, 1) };
  });
  return { b0, shared, towers, size };
}

/** Per-row gradients of the embedding rows one batch touched. */
export class RowGradients {
  /** Row -> slot in `values`, -1 for an untouched row. */
  private readonly slot: Int32Array;
  readonly rows: number[] = [];
  values: Float64Array;

  constructor(
    nRows: number,
    readonly width: number,
  ) {
    this.slot = new Int32Array(nRows).fill(-1);
    this.values = new Float64Array(64 * width);
  }

  /** values[row] += scale * vector. */
  add(row: number, scale: number, vector: Float64Array): void {
    let s = this.slot[row]!;
    if (s < 0) {
      s = this.rows.length;
      this.slot[row] = s;
      this.rows.push(row);
      if ((s + 1) * this.width > this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
    }
    const at = s * this.width;
    for (let f = 0; f < this.width; f++) this.values[at + f]! += scale * vector[f]!;
  }

  clear(): void {
    for (const row of this.rows) this.slot[row] = -1;
    this.values.fill(0, 0, this.rows.length * this.width);
    this.rows.length = 0;
  }
}

const RELU_BIAS = 0.01;

export class MlpNetwork {
  readonly layout: MlpLayout;
  readonly dense: Float64Array;
  /** 2^bits rows of `width` values. */
  readonly embedding: Float64Array;
  readonly width: number;
  readonly heads: number;
  // activations of the last forward pass: h0, each shared layer's, each tower's, the margins
  private readonly hidden: Float64Array[];
  private readonly towers: Float64Array;
  readonly margins: Float64Array;
  // backward scratch, one per activation vector, and the towers' gradient into the top layer
  private readonly deltas: Float64Array[];
  private readonly towerDelta: Float64Array;

  constructor(
    readonly options: MlpOptions,
    heads: number,
  ) {
    this.heads = heads;
    this.width = options.embedding;
    this.layout = mlpLayout(options, heads);
    this.dense = new Float64Array(this.layout.size);
    this.embedding = new Float64Array((1 << options.bits) * this.width);
    const rng = new Rng(options.seed);
    // He initialisation for the ReLU layers. Their biases start a little positive so no unit starts
    // exactly at the kink (a unit whose inputs are all 0 would otherwise never move); outputs at 0.
    const init = (l: DenseLayer, scale: number, bias: number) => {
      const sd = Math.sqrt(scale / l.inputs);
      for (let i = 0; i < l.inputs * l.outputs; i++) this.dense[l.w + i] = rng.normal(0, sd);
      this.dense.fill(bias, l.b, l.b + l.outputs);
    };
    this.dense.fill(RELU_BIAS, this.layout.b0, this.layout.b0 + this.width);
    for (const l of this.layout.shared) init(l, 2, RELU_BIAS);
    for (const t of this.layout.towers) {
      init(t.hidden, 2, RELU_BIAS);
      init(t.out, 1, 0);
    }
    for (let i = 0; i < this.embedding.length; i++) this.embedding[i] = rng.normal(0, options.initStd);
    const widths = [this.width, ...options.shared];
    this.hidden = widths.map((w) => new Float64Array(w));
    this.deltas = widths.map((w) => new Float64Array(w));
    this.towers = new Float64Array(heads * options.tower);
    this.towerDelta = new Float64Array(options.tower);
    this.margins = new Float64Array(heads);
  }

  /** The margins of every head for x, into `this.margins`; keeps the activations for `backward`. */
  forward(x: SparseVector): Float64Array {
    const { dense, embedding, width, layout } = this;
    const h0 = this.hidden[0]!;
    for (let f = 0; f < width; f++) h0[f] = dense[layout.b0 + f]!;
    for (let t = 0; t < x.indices.length; t++) {
      const row = x.indices[t]! * width;
      const v = x.values[t]!;
      for (let f = 0; f < width; f++) h0[f]! += v * embedding[row + f]!;
    }
    for (let f = 0; f < width; f++) if (h0[f]! < 0) h0[f] = 0;
    layout.shared.forEach((l, i) => this.dense1(l, this.hidden[i]!, this.hidden[i + 1]!));
    const top = this.hidden[this.hidden.length - 1]!;
    const T = this.options.tower;
    for (let k = 0; k < this.heads; k++) {
      const { hidden, out } = layout.towers[k]!;
      const t = this.towers.subarray(k * T, k * T + T);
      this.dense1(hidden, top, t);
      let m = dense[out.b]!;
      for (let j = 0; j < T; j++) m += dense[out.w + j]! * t[j]!;
      this.margins[k] = m;
    }
    return this.margins;
  }

  /** out = relu(W in + b). */
  private dense1(l: DenseLayer, input: Float64Array, out: Float64Array): void {
    const d = this.dense;
    for (let o = 0; o < l.outputs; o++) {
      let a = d[l.b + o]!;
      const row = l.w + o * l.inputs;
      for (let i = 0; i < l.inputs; i++) a += d[row + i]! * input[i]!;
      out[o] = a < 0 ? 0 : a;
    }
  }

  /**
   * Adds the gradient of a loss whose derivatives by the margins of the last `forward(x)` are
   * `dMargins` to `grad` (dense, the layout's offsets) and `rows` (the embedding rows of x).
   */
  backward(x: SparseVector, dMargins: ArrayLike<number>, grad: Float64Array, rows: RowGradients): void {
    const { dense, layout } = this;
    const T = this.options.tower;
    const L = this.hidden.length - 1;
    const top = this.hidden[L]!;
    const dTop = this.deltas[L]!;
    dTop.fill(0);
    for (let k = 0; k < this.heads; k++) {
      const dm = dMargins[k]!;
      if (dm === 0) continue;
      const { hidden, out } = layout.towers[k]!;
      const t = this.towers.subarray(k * T, k * T + T);
      const dt = this.towerDelta;
      grad[out.b]! += dm;
      for (let j = 0; j < T; j++) {
        grad[out.w + j]! += dm * t[j]!;
        dt[j] = t[j]! > 0 ? dm * dense[out.w + j]! : 0;
      }
      this.backDense(hidden, top, dt, dTop, grad);
    }
    for (let i = L; i >= 1; i--) {
      const dh = this.deltas[i]!;
      const h = this.hidden[i]!;
      for (let o = 0; o < dh.length; o++) if (!(h[o]! > 0)) dh[o] = 0;
      const below = this.deltas[i - 1]!;
      below.fill(0);
      this.backDense(layout.shared[i - 1]!, this.hidden[i - 1]!, dh, below, grad);
    }
    const d0 = this.deltas[0]!;
    const h0 = this.hidden[0]!;
    for (let f = 0; f < this.width; f++) {
      if (!(h0[f]! > 0)) d0[f] = 0;
      grad[layout.b0 + f]! += d0[f]!;
    }
    for (let t = 0; t < x.indices.length; t++) rows.add(x.indices[t]!, x.values[t]!, d0);
  }

  /** For out = W in + b with output gradient dOut (already through the activation): W's and b's gradients into grad, dIn += Wᵀ dOut. */
  private backDense(
    l: DenseLayer,
    input: Float64Array,
    dOut: Float64Array,
    dIn: Float64Array,
    grad: Float64Array,
  ): void {
    const d = this.dense;
    for (let o = 0; o < l.outputs; o++) {
      const g = dOut[o]!;
      if (g === 0) continue;
      grad[l.b + o]! += g;
      const row = l.w + o * l.inputs;
      for (let i = 0; i < l.inputs; i++) {
        grad[row + i]! += g * input[i]!;
        dIn[i]! += g * d[row + i]!;
      }
    }
  }

  /** 1 for each dense parameter that is a weight (L2 applies), 0 for a bias. */
  weightMask(): Uint8Array {
    const mask = new Uint8Array(this.layout.size);
    const mark = (l: DenseLayer) => mask.fill(1, l.w, l.w + l.inputs * l.outputs);
    this.layout.shared.forEach(mark);
    for (const t of this.layout.towers) {
      mark(t.hidden);
      mark(t.out);
    }
    return mask;
  }
}
