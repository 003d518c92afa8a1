// Adam (Kingma & Ba 2015) for the multi-task network: every dense parameter each step, and only
// the embedding rows the batch touched ("lazy" Adam, as TensorFlow's LazyAdamOptimizer): a row's
// moments decay only when it is used, so a step costs what the batch touches, not 2^bits rows.
import type { RowGradients } from './mlp-network.js';
import type { MlpOptions } from './mlp-options.js';

export class AdamState {
  /** Steps taken; the bias corrections follow it. */
  step = 0;
  readonly denseM: Float64Array;
  readonly denseV: Float64Array;
  readonly rowM: Float64Array;
  readonly rowV: Float64Array;
  /** 1 for each embedding row some step has moved. */
  readonly touched: Uint8Array;

  constructor(denseSize: number, nRows: number, width: number) {
    this.denseM = new Float64Array(denseSize);
    this.denseV = new Float64Array(denseSize);
    this.rowM = new Float64Array(nRows * width);
    this.rowV = new Float64Array(nRows * width);
    this.touched = new Uint8Array(nRows);
  }

  /**
   * One step. `grad` is the dense data gradient (L2 added here on the entries `weightMask` marks),
   * `rows` the touched embedding rows' data gradients.
   */
  apply(
    o: MlpOptions,
    dense: Float64Array,
    grad: Float64Array,
    weightMask: Uint8Array,
    embedding: Float64Array,
    rows: RowGradients,
  ): void {
    const { beta1, beta2, epsilon, l2 } = o;
    this.step++;
    const rate = (o.learningRate * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    const { denseM: m, denseV: v } = this;
    for (let i = 0; i < dense.length; i++) {
      const g = grad[i]! + (weightMask[i] ? l2 * dense[i]! : 0);
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      dense[i]! -= (rate * m[i]!) / (Math.sqrt(v[i]!) + epsilon);
    }
    const w = rows.width;
    const { rowM, rowV } = this;
    rows.rows.forEach((row, s) => {
      this.touched[row] = 1;
      for (let f = 0; f < w; f++) {
        const at = row * w + f;
        const g = rows.values[s * w + f]! + l2 * embedding[at]!;
        rowM[at] = beta1 * rowM[at]! + (1 - beta1) * g;
        rowV[at] = beta2 * rowV[at]! + (1 - beta2) * g * g;
        embedding[at]! -= (rate * rowM[at]!) / (Math.sqrt(rowV[at]!) + epsilon);
      }
    });
  }
}
