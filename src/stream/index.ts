export type { Processor } from './processor.js';
export { StreamRunner, type RunnerOptions } from './runner.js';
export { SignalReader, engagementWeight, watchRatio, type Signal } from './signals.js';
export { EngagementProcessor } from './engagement.js';
export { ProfileProcessor, ProfileUpdater } from './profile.js';
export { CoVisitProcessor } from './co-visit.js';
export { SeenProcessor } from './seen.js';
export { JoinerProcessor, JOINER_GROUP, type JoinerLogView } from './joiner.js';
export { JOINER_COUNTERS, type JoinerCounter, type JoinerCounters } from './joiner-state.js';
export {
  OnlineLearner,
  sampleLabels,
  type LearnerOptions,
  type LearnerStep,
  type SampleSource,
} from './learner.js';
export { ProgressiveMetrics } from './progressive-metrics.js';
