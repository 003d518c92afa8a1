// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): an item-item weight
// matrix B with a zero diagonal, in closed form from the binary user-item matrix X:
//   P = (XᵀX + λI)⁻¹,  B = I - P diag(1 / diag(P)),  i.e. B[i][j] = -P[i][j] / P[j][j], B[j][j] = 0,
// and a user's scores are x_u B, the sum of the rows of B over the items in their history.
// The inverse is dense: n² doubles and n³/2 multiply-adds, which is seconds for a few thousand
// items and out of reach for hundreds of thousands (use item-knn or iALS there).
import { invertSpdInPlace } from './linalg.js';
import {
  checkModel,
  createArtifact,
  numberOptions,
  section,
  sparseSection,
  type ArtifactContext,
  type ModelArtifact,
  type Serializable,
} from './artifact.js';
import { binaryRows, rowOf, type SparseRows } from './sparse.js';
import type { Recommender, TrainingData } from './types.js';

export interface EaseOptions {
  /**
   * L2 regularisation λ added to the diagonal of XᵀX. Default 500, tuned on a validation split
   * of the ml-100k MSR training set (bench/results/models-ml100k.md); Steck used ~500 on ml-20m.
   */
  lambda?: number;
}

export const EASE_DEFAULT_LAMBDA = 500;

/** Gram matrix XᵀX of the binary matrix given by its user rows, as a dense n x n Float64Array. */
export function gramMatrix(byUser: SparseRows, nItems: number): Float64Array {
  const g = new Float64Array(nItems * nItems);
  // rows are sorted, so b >= a fills the upper triangle; half the scattered writes, then mirror
  for (let u = 0; u < byUser.nRows; u++) {
    const row = rowOf(byUser, u);
    for (let a = 0; a < row.length; a++) {
      const ra = row[a]! * nItems;
      for (let b = a; b < row.length; b++) g[ra + row[b]!]!++;
    }
  }
  for (let i = 0; i < nItems; i++) for (let j = 0; j < i; j++) g[i * nItems + j] = g[j * nItems + i]!;
  return g;
}

/** B from the Gram matrix (consumed): the EASE weights, row-major n x n, zero diagonal. */
export function easeWeights(gram: Float64Array, nItems: number, lambda: number): Float32Array {
  const n = nItems;
  for (let i = 0; i < n; i++) gram[i * n + i]! += lambda;
  const p = invertSpdInPlace(gram, n);
  const b = new Float32Array(n * n);
  const inv = new Float64Array(n);
  for (let j = 0; j < n; j++) inv[j] = 1 / p[j * n + j]!;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) b[ri + j] = i === j ? 0 : -p[ri + j]! * inv[j]!;
  }
  return b;
}

export class EaseRecommender implements Recommender, Serializable {
  readonly name = 'ease';
  readonly lambda: number;
  private nItems = 0;
  private weights: Float32Array = new Float32Array(0);
  private nUsers = 0;
  private history: SparseRows = { nRows: 0, offsets: new Int32Array(1), cols: new Int32Array(0) };

  constructor(options: EaseOptions = {}) {
    const lambda = options.lambda ?? EASE_DEFAULT_LAMBDA;
    // λ = 0 leaves XᵀX singular whenever an item has no interactions
    if (!(lambda > 0)) throw new RangeError(`ease lambda must be positive, got ${lambda}`);
    this.lambda = lambda;
  }

  fit(train: TrainingData): void {
    const byUser = binaryRows(train, 'user');
    this.weights = easeWeights(gramMatrix(byUser, train.nItems), train.nItems, this.lambda);
    this.nItems = train.nItems;
    this.nUsers = train.nUsers;
    this.history = byUser;
  }

  /** Row i of B: how much having item i adds to each item's score. */
  weightsOf(i: number): Float32Array {
    return this.weights.subarray(i * this.nItems, (i + 1) * this.nItems);
  }

  scoreUser(user: number, out: Float32Array): void {
    out.fill(0);
    if (user < 0 || user >= this.history.nRows) return;
    const n = this.nItems;
    const m = Math.min(n, out.length);
    const row = rowOf(this.history, user);
    for (let a = 0; a < row.length; a++) {
      const from = row[a]! * n;
      for (let j = 0; j < m; j++) out[j]! += this.weights[from + j]!;
    }
  }

  /** B (items x items) and the training histories it scores (CSR, users x items). */
  toArtifact(context: ArtifactContext): ModelArtifact {
    const n = this.nItems;
    return createArtifact(
      {
        model: this.name,
        options: { lambda: this.lambda },
        nUsers: this.nUsers,
        nItems: n,
        sections: {
          weights: { data: this.weights, shape: [n, n] },
          historyOffsets: { data: this.history.offsets, shape: [this.history.offsets.length] },
          historyCols: { data: this.history.cols, shape: [this.history.cols.length] },
        },
      },
      context,
    );
  }

  static fromArtifact(artifact: ModelArtifact): EaseRecommender {
    checkModel(artifact, 'ease');
    const model = new EaseRecommender(numberOptions(artifact, ['lambda']));
    const { nUsers, nItems } = artifact;
    model.nUsers = nUsers;
    model.nItems = nItems;
    model.weights = section(artifact, 'weights', 'float32', [nItems, nItems]);
    model.history = { nRows: nUsers, ...sparseSection(artifact, 'history', nUsers, nItems) };
    return model;
  }
}
