// Item-based k-nearest neighbours on the binary user-item matrix. Similarity is cosine,
// sim(i, j) = |U_i ∩ U_j| / sqrt(|U_i| |U_j|); each item keeps its k most similar items; a user's
// score for item j sums sim(h, j) over the items h in their history that have j as a neighbour.
// Fitting walks, for every item, the histories of its users, so it costs sum_u |I_u|^2 operations
// and O(nItems) scratch memory: no dense item-item matrix.
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
import { topK } from './topk.js';
import type { Recommender, TrainingData } from './types.js';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  neighbours?: number;
}

export class ItemKnnRecommender implements Recommender, Serializable {
  readonly name = 'item-knn';
  readonly neighbours: number;
  private history: SparseRows = { nRows: 0, offsets: new Int32Array(1), cols: new Int32Array(0) };
  private nItems = 0;
  private nbrOffsets: Int32Array = new Int32Array(1);
  private nbrItems: Int32Array = new Int32Array(0);
  private nbrSims: Float32Array = new Float32Array(0);

  constructor(options: ItemKnnOptions = {}) {
    const neighbours = options.neighbours ?? 100;
    if (!(Number.isInteger(neighbours) && neighbours >= 0))
      throw new RangeError(`item-knn neighbours must be a non-negative integer, got ${neighbours}`);
    this.neighbours = neighbours;
  }

  fit(train: TrainingData): void {
    const byUser = binaryRows(train, 'user');
    const byItem = binaryRows(train, 'item');
    const nItems = train.nItems;
    const k = Math.min(this.neighbours, Math.max(0, nItems - 1));
    const norms = new Float32Array(nItems);
    for (let i = 0; i < nItems; i++) norms[i] = Math.sqrt(byItem.offsets[i + 1]! - byItem.offsets[i]!);
    const co = new Float32Array(nItems);
    const touched = new Int32Array(nItems);
    const seen = new Uint8Array(nItems);
    const offsets = new Int32Array(nItems + 1);
    const items = new Int32Array(nItems * k);
    const sims = new Float32Array(nItems * k);
    let n = 0;
    for (let i = 0; i < nItems; i++) {
      let nTouched = 0;
      const users = rowOf(byItem, i);
      for (let a = 0; a < users.length; a++) {
        const row = rowOf(byUser, users[a]!);
        for (let b = 0; b < row.length; b++) {
          const j = row[b]!;
          if (j === i) continue;
          if (!seen[j]) {
            seen[j] = 1;
            touched[nTouched++] = j;
          }
          co[j]!++;
        }
      }
      for (let t = 0; t < nTouched; t++) {
        const j = touched[t]!;
        co[j] = co[j]! / (norms[i]! * norms[j]!);
      }
      const best = topK(co, k, undefined, touched.subarray(0, nTouched));
      for (let t = 0; t < best.length; t++) {
        items[n] = best[t]!;
        sims[n++] = co[best[t]!]!;
      }
      offsets[i + 1] = n;
      for (let t = 0; t < nTouched; t++) {
        const j = touched[t]!;
        co[j] = 0;
        seen[j] = 0;
      }
    }
    this.history = byUser;
    this.nItems = nItems;
    this.nbrOffsets = offsets;
    this.nbrItems = items.slice(0, n);
    this.nbrSims = sims.slice(0, n);
  }

  /** The neighbours of item i, most similar first, with their similarities. */
  neighboursOf(i: number): { items: Int32Array; sims: Float32Array } {
    const from = this.nbrOffsets[i] ?? 0;
    const to = this.nbrOffsets[i + 1] ?? from;
    return { items: this.nbrItems.subarray(from, to), sims: this.nbrSims.subarray(from, to) };
  }

  scoreUser(user: number, out: Float32Array): void {
    out.fill(0);
    if (user < 0 || user >= this.history.nRows) return;
    const row = rowOf(this.history, user);
    for (let a = 0; a < row.length; a++) {
      const h = row[a]!;
      const from = this.nbrOffsets[h]!;
      const to = this.nbrOffsets[h + 1]!;
      for (let t = from; t < to; t++) {
        const j = this.nbrItems[t]!;
        if (j < out.length) out[j]! += this.nbrSims[t]!;
      }
    }
  }

  /** The neighbour lists (CSR items x items, with similarities) and the training histories. */
  toArtifact(context: ArtifactContext): ModelArtifact {
    const h = this.history;
    return createArtifact(
      {
        model: this.name,
        options: { neighbours: this.neighbours },
        nUsers: h.nRows,
        nItems: this.nItems,
        sections: {
          historyOffsets: { data: h.offsets, shape: [h.offsets.length] },
          historyCols: { data: h.cols, shape: [h.cols.length] },
          neighbourOffsets: { data: this.nbrOffsets, shape: [this.nbrOffsets.length] },
          neighbourCols: { data: this.nbrItems, shape: [this.nbrItems.length] },
          neighbourSims: { data: this.nbrSims, shape: [this.nbrSims.length] },
        },
      },
      context,
    );
  }

  static fromArtifact(artifact: ModelArtifact): ItemKnnRecommender {
    checkModel(artifact, 'item-knn');
    const model = new ItemKnnRecommender(numberOptions(artifact, ['neighbours']));
    const { nUsers, nItems } = artifact;
    model.nItems = nItems;
    model.history = { nRows: nUsers, ...sparseSection(artifact, 'history', nUsers, nItems) };
    const nbr = sparseSection(artifact, 'neighbour', nItems, nItems);
    model.nbrOffsets = nbr.offsets;
    model.nbrItems = nbr.cols;
    model.nbrSims = section(artifact, 'neighbourSims', 'float32', [nbr.cols.length]);
    return model;
  }
}
