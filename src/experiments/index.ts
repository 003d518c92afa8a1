// The experiment platform: layers, bucketing, the parameter registry, exposures and statistics.
export {
  BUCKETS,
  type Arm,
  type ArmAssignment,
  type Experiment,
  type ExperimentDefinition,
  type ExperimentStatus,
  type Overrides,
} from './types.js';
export { Assigner, allocateBuckets, armOf, bucketOf } from './assignment.js';
export { parameters, applyOverrides, type ParameterSpec, type ParameterType } from './params.js';
export { ExperimentInput, ArmInput, DEFAULT_LAYER, checkDefinition } from './definition.js';
export { ExperimentStore, type Exposure } from './store.js';
export { userOutcomes, type UserOutcomes, type Outcomes, type CompletionJudge } from './user-metrics.js';
export {
  analyse,
  METRICS,
  PRIMARY_METRIC,
  type ExperimentResults,
  type MetricResult,
  type MetricName,
  type Comparison,
} from './analysis.js';
export { ExperimentService, type ArmConfig } from './service.js';
export type { WelchResult } from './stats/index.js';
