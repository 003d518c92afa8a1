// Models by name, for the CLI and the evaluator.
import { ItemKnnRecommender } from './item-knn.js';
import { MostPopularRecommender } from './most-popular.js';
import { RandomRecommender } from './random.js';
import type { Recommender } from './types.js';

export const BASELINE_NAMES = ['random', 'most-popular', 'item-knn'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

export interface BaselineOptions {
  seed?: number;
  /** item-knn neighbours per item */
  neighbours?: number;
}

export function createBaseline(name: string, options: BaselineOptions = {}): Recommender {
  switch (name) {
    case 'random':
      return new RandomRecommender(options.seed === undefined ? {} : { seed: options.seed });
    case 'most-popular':
      return new MostPopularRecommender();
    case 'item-knn':
      return new ItemKnnRecommender(
        options.neighbours === undefined ? {} : { neighbours: options.neighbours },
      );
    default:
      throw new RangeError(`unknown model ${JSON.stringify(name)}; known: ${BASELINE_NAMES.join(', ')}`);
  }
}
