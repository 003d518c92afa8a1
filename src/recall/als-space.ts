// The collaborative embedding space of a trained implicit-ALS model: item factors in a vector
// index, and each user folded in from their latest engagements at request time, so the space
// follows a swipe as soon as the profile processor has seen it.
import type { Engagement } from '../core/index.js';
import { foldInUser, gramian, type FoldInModel } from '../models/index.js';
import type { ServingIndex } from '../vector/index.js';
import type { UserVectorSpace } from './vector-source.js';

export interface AlsFactors {
  itemIds: readonly string[];
  factors: number;
  itemFactors: Float32Array;
  lambda: number;
  alpha: number;
}

/** The index input for a model's item factors: key i is item index i. */
export function alsIndexInput(als: AlsFactors): { keys: Int32Array; vectors: Float32Array } {
  return { keys: Int32Array.from({ length: als.itemIds.length }, (_, i) => i), vectors: als.itemFactors };
}

export class AlsSpace implements UserVectorSpace {
  private readonly keys = new Map<string, number>();
  private readonly model: FoldInModel;

  constructor(
    private readonly als: AlsFactors,
    /** Which model version this is, for metrics and explanations. */
    readonly version: number,
    /** Built over alsIndexInput(als). */
    readonly index: ServingIndex,
  ) {
    als.itemIds.forEach((id, key) => this.keys.set(id, key));
    this.model = { ...als, gramian: gramian(als.itemFactors, als.itemIds.length, als.factors, als.lambda) };
  }

  itemId(key: number): string | undefined {
    return this.als.itemIds[key];
  }

  keyOf(itemId: string): number | undefined {
    return this.keys.get(itemId);
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
