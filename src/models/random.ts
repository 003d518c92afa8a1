// Uniformly random scores: the floor every model must beat. Each user's scores come from a
// generator seeded by (seed, user), so results do not depend on the order users are scored in.
import { mulberry32 } from '../core/index.js';
import {
  checkModel,
  createArtifact,
  numberOptions,
  type ArtifactContext,
  type ModelArtifact,
  type Serializable,
} from './artifact.js';
import type { Recommender, TrainingData } from './types.js';

export class RandomRecommender implements Recommender, Serializable {
  readonly name = 'random';
  private readonly seed: number;
  private nUsers = 0;
  private nItems = 0;

  constructor(options: { seed?: number } = {}) {
    this.seed = options.seed ?? 42;
  }

  fit(train: TrainingData): void {
    this.nUsers = train.nUsers;
    this.nItems = train.nItems;
  }

  scoreUser(user: number, out: Float32Array): void {
    const random = mulberry32(Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ user);
    for (let i = 0; i < out.length; i++) out[i] = random();
  }

  /** No parameters: only the seed and the index space (so a registry can hold the floor too). */
  toArtifact(context: ArtifactContext): ModelArtifact {
    return createArtifact(
      {
        model: this.name,
        options: { seed: this.seed },
        nUsers: this.nUsers,
        nItems: this.nItems,
        sections: {},
      },
      context,
    );
  }

  static fromArtifact(artifact: ModelArtifact): RandomRecommender {
    checkModel(artifact, 'random');
    const model = new RandomRecommender(numberOptions(artifact, ['seed']));
    model.nUsers = artifact.nUsers;
    model.nItems = artifact.nItems;
    return model;
  }
}
