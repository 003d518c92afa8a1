// Models by name, for the CLI and the evaluator: created fresh from options, or restored from an
// artifact.
import type { ModelArtifact } from './artifact.js';
import { ArtifactError } from './artifact.js';
import { BprRecommender, type BprOptions } from './bpr.js';
import { EaseRecommender } from './ease.js';
import { IalsRecommender, type IalsOptions } from './ials.js';
import { ItemKnnRecommender } from './item-knn.js';
import { MostPopularRecommender } from './most-popular.js';
import { RandomRecommender } from './random.js';
import type { Recommender } from './types.js';

export const BASELINE_NAMES = ['random', 'most-popular', 'item-knn'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Every model `createModel` knows: the baselines, then the collaborative models. */
export const MODEL_NAMES = [...BASELINE_NAMES, 'ease', 'ials', 'bpr'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface ModelOptions {
  /** random, ials and bpr: seed */
  seed?: number;
  /** item-knn neighbours per item */
  neighbours?: number;
  /** ease: L2 regularisation λ */
  easeLambda?: number;
  /** ials: everything but the seed */
  ials?: Omit<IalsOptions, 'seed'>;
  /** bpr: everything but the seed */
  bpr?: Omit<BprOptions, 'seed'>;
}

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export function createModel(name: string, options: ModelOptions = {}): Recommender {
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  switch (name) {
    case 'random':
      return new RandomRecommender(seed);
    case 'most-popular':
      return new MostPopularRecommender();
    case 'item-knn':
      return new ItemKnnRecommender(
        options.neighbours === undefined ? {} : { neighbours: options.neighbours },
      );
    case 'ease':
      return new EaseRecommender(options.easeLambda === undefined ? {} : { lambda: options.easeLambda });
    case 'ials':
      return new IalsRecommender({ ...options.ials, ...seed });
    case 'bpr':
      return new BprRecommender({ ...options.bpr, ...seed });
    default:
      throw new RangeError(`unknown model ${JSON.stringify(name)}; known: ${MODEL_NAMES.join(', ')}`);
  }
}

/** The trained model an artifact holds, by its model name; scores exactly as the one saved. */
export function modelFromArtifact(artifact: ModelArtifact): Recommender {
  switch (artifact.model) {
    case 'random':
      return RandomRecommender.fromArtifact(artifact);
    case 'most-popular':
      return MostPopularRecommender.fromArtifact(artifact);
    case 'item-knn':
      return ItemKnnRecommender.fromArtifact(artifact);
    case 'ease':
      return EaseRecommender.fromArtifact(artifact);
    case 'ials':
      return IalsRecommender.fromArtifact(artifact);
    case 'bpr':
      return BprRecommender.fromArtifact(artifact);
    default:
      throw new ArtifactError(
        `an artifact of unknown model ${JSON.stringify(artifact.model)}; known: ${MODEL_NAMES.join(', ')}`,
      );
  }
}
