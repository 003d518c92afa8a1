// Uniformly random scores: the floor every model must beat. Each user's scores come from a
// generator seeded by (seed, user), so results do not depend on the order users are scored in.
import { mulberry32 } from '../core/index.js';
import type { Recommender, TrainingData } from './types.js';

export class RandomRecommender implements Recommender {
  readonly name = 'random';
  private readonly seed: number;

  constructor(options: { seed?: number } = {}) {
    this.seed = options.seed ?? 42;
  }

  fit(_train: TrainingData): void {}

  scoreUser(user: number, out: Float32Array): void {
    const random = mulberry32(Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ user);
    for (let i = 0; i < out.length; i++) out[i] = random();
  }
}
