export type { Split } from './types.js';
export { stratifiedSplit, stratifiedSplitParts, type StratifiedOptions } from './stratified.js';
export { recboleSplit, recboleCounts, type RecBoleOptions } from './recbole.js';
export {
  leaveLastSplit,
  globalTimeSplit,
  timeQuantile,
  type LeaveLastOptions,
  type TimeCutOptions,
} from './temporal.js';
export { filterByRating, filterByCount, kCore } from './filters.js';
