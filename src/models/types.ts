// What a recommender needs from training data, and what it offers the evaluator and the feed.
// TrainingData is structural so that eval's Interactions (or any store export) satisfies it
// without this folder importing theirs.

export interface TrainingData {
  readonly nUsers: number;
  readonly nItems: number;
  readonly length: number;
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Explicit rating or implicit weight per interaction. */
  readonly rating: Float32Array;
  /** Unix milliseconds, when known. */
  readonly timestamp?: Float64Array | null;
}

/**
 * A model that scores every item for a user. Scores only need to order items for one user;
 * they need not be comparable across users or models. Later models (iALS, BPR, EASE) implement
 * the same two methods.
 */
export interface Recommender {
  readonly name: string;
  fit(train: TrainingData): void;
  /** Writes the score of every item index into `out` (length nItems); higher is better. */
  scoreUser(user: number, out: Float32Array): void;
}

/** Items to leave out of a recommendation: a set of item indices, a predicate, or a 0/1 mask. */
export type Exclusion = ReadonlySet<number> | ((item: number) => boolean) | Uint8Array;
