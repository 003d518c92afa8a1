// Most popular: every user gets the items with the most training interactions.
import {
  checkModel,
  createArtifact,
  section,
  type ArtifactContext,
  type ModelArtifact,
  type Serializable,
} from './artifact.js';
import type { Recommender, TrainingData } from './types.js';

export class MostPopularRecommender implements Recommender, Serializable {
  readonly name = 'most-popular';
  private nUsers = 0;
  private counts: Float32Array = new Float32Array(0);

  fit(train: TrainingData): void {
    this.nUsers = train.nUsers;
    this.counts = new Float32Array(train.nItems);
    for (let r = 0; r < train.length; r++) this.counts[train.item[r]!]!++;
  }

  scoreUser(_user: number, out: Float32Array): void {
    out.fill(0);
    out.set(this.counts.subarray(0, out.length));
  }

  toArtifact(context: ArtifactContext): ModelArtifact {
    const nItems = this.counts.length;
    return createArtifact(
      {
        model: this.name,
        options: {},
        nUsers: this.nUsers,
        nItems,
        sections: { counts: { data: this.counts, shape: [nItems] } },
      },
      context,
    );
  }

  static fromArtifact(artifact: ModelArtifact): MostPopularRecommender {
    checkModel(artifact, 'most-popular');
    const model = new MostPopularRecommender();
    model.nUsers = artifact.nUsers;
    model.counts = section(artifact, 'counts', 'float32', [artifact.nItems]);
    return model;
  }
}
