// The HTTP API.
export { buildServer, type Server, type BuildServerOptions } from './app.js';
export { ServerMetrics } from './metrics.js';
export { PROBLEM_JSON } from './problems.js';
export { IdleCollector, type IdleCollectionStats } from './idle-collection.js';
