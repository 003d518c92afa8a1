// Candidate sources.
export { TrendingSource } from './trending.js';
export { NewestSource } from './newest.js';
