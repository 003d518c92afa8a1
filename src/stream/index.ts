export type { Processor } from './processor.js';
export { StreamRunner, type RunnerOptions } from './runner.js';
export { SignalReader, engagementWeight, watchRatio, type Signal } from './signals.js';
export { EngagementProcessor } from './engagement.js';
export { ProfileProcessor, ProfileUpdater } from './profile.js';
export { CoVisitProcessor } from './co-visit.js';
export { SeenProcessor } from './seen.js';
