// Most popular: every user gets the items with the most training interactions.
import type { Recommender, TrainingData } from './types.js';

export class MostPopularRecommender implements Recommender {
  readonly name = 'most-popular';
  private counts = new Float32Array(0);

  fit(train: TrainingData): void {
    this.counts = new Float32Array(train.nItems);
    for (let r = 0; r < train.length; r++) this.counts[train.item[r]!]!++;
  }

  scoreUser(_user: number, out: Float32Array): void {
    out.set(this.counts.subarray(0, out.length));
  }
}
