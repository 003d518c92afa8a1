// Models by name, for the CLI and the evaluator.
import { EaseRecommender } from './ease.js';
import { IalsRecommender, type IalsOptions } from './ials.js';
import { ItemKnnRecommender } from './item-knn.js';
import { MostPopularRecommender } from './most-popular.js';
import { RandomRecommender } from './random.js';
import type { Recommender } from './types.js';

export const BASELINE_NAMES = ['random', 'most-popular', 'item-knn'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Every model `createModel` knows: the baselines, then the collaborative models. */
export const MODEL_NAMES = [...BASELINE_NAMES, 'ease', 'ials'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface ModelOptions {
  /** random and ials: seed */
  seed?: number;
  /** item-knn neighbours per item */
  neighbours?: number;
  /** ease: L2 regularisation λ */
  easeLambda?: number;
  /** ials: everything but the seed */
  ials?: Omit<IalsOptions, 'seed'>;
}

/** @deprecated the name predates the non-baseline models; use ModelOptions. */
export type BaselineOptions = ModelOptions;

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

export function createModel(name: string, options: ModelOptions = {}): Recommender {
  switch (name) {
    case 'random':
      return new RandomRecommender(options.seed === undefined ? {} : { seed: options.seed });
    case 'most-popular':
      return new MostPopularRecommender();
    case 'item-knn':
      return new ItemKnnRecommender(
        options.neighbours === undefined ? {} : { neighbours: options.neighbours },
      );
    case 'ease':
      return new EaseRecommender(options.easeLambda === undefined ? {} : { lambda: options.easeLambda });
    case 'ials':
      return new IalsRecommender({
        ...options.ials,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
    default:
      throw new RangeError(`unknown model ${JSON.stringify(name)}; known: ${MODEL_NAMES.join(', ')}`);
  }
}

/**
 * Kept because `src/eval/run.ts` and older callers use it; it creates any model in MODEL_NAMES,
 * not only baselines.
 */
export const createBaseline = createModel;
