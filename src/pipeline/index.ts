// The feed pipeline: the runner and the default assembly. Component interfaces live in core.
export { FeedPipeline } from './pipeline.js';
export { defaultPipelineConfig, type PipelineStores } from './default.js';
export { ExcludedFilter, ActiveItemFilter } from './filters.js';
export { UserHydrator, HistoryHydrator } from './hydrators.js';
export { ServedLogEffect } from './side-effects.js';
