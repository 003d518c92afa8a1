import type { Interactions } from '../interactions.js';

/** A train/test split sharing one index space; `valid` when the protocol holds one out. */
export interface Split {
  train: Interactions;
  valid?: Interactions;
  test: Interactions;
}
