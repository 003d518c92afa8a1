// The collaborative embedding space of a trained implicit-ALS model: item factors in a vector
// index, and each user folded in from their latest engagements at request time, so the space
// follows a swipe as soon as the profile processor has seen it.
import type { Engagement } from '../core/index.js';
import { foldInUser, gramian, type FoldInModel } from '../models/index.js';
import { createVectorIndex, type VectorIndex } from '../vector/index.js';
import type { UserVectorSpace } from './vector-source.js';

export interface AlsFactors {
  itemIds: readonly string[];
  factors: number;
  itemFactors: Float32Array;
  lambda: number;
  alpha: number;
}

export class AlsSpace implements UserVectorSpace {
  readonly index: VectorIndex;
  private readonly keys = new Map<string, number>();
  private readonly model: FoldInModel;

  constructor(
    private readonly als: AlsFactors,
    /** Which model version this is, for metrics and explanations. */
    readonly version: number,
  ) {
    const n = als.itemIds.length;
    als.itemIds.forEach((id, key) => this.keys.set(id, key));
    this.model = { ...als, gramian: gramian(als.itemFactors, n, als.factors, als.lambda) };
    this.index = createVectorIndex(als.factors, { expectedSize: n });
    this.index.addBatch(
      Int32Array.from({ length: n }, (_, i) => i),
      als.itemFactors,
    );
  }

  itemId(key: number): string | undefined {
    return this.als.itemIds[key];
  }

  userVector(recent: readonly Engagement[]): Float32Array | null {
    const known: { item: number; weight: number }[] = [];
    for (const e of recent) {
      const key = this.keys.get(e.itemId);
      if (key !== undefined) known.push({ item: key, weight: e.weight });
    }
    return known.length === 0 ? null : foldInUser(this.model, known);
  }
}
