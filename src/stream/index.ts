export type { Processor } from './processor.js';
export { StreamRunner, type RunnerOptions } from './runner.js';
export { EngagementProcessor, engagementWeight, watchRatio } from './engagement.js';
export { SeenProcessor } from './seen.js';
