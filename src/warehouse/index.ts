// Training datasets from the event log, and batch training into the model registry.
export { interactionsFromLog, type LogInteractions, type LogInteractionOptions } from './interactions.js';
export { trainFromLog, type TrainOptions, type TrainResult } from './train.js';
