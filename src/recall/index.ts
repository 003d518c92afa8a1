// Candidate sources: each proposes up to its quota of items for a request, within its time budget.
export { TrendingSource } from './trending.js';
export { QualityPools, QualitySource, languageOf, type QualityOptions } from './quality.js';
export { FreshSource, type FreshOptions } from './fresh.js';
export { CoEngagementSource, type CoEngagementOptions } from './co-engagement.js';
export { FollowingSource } from './following.js';
export { VectorSource, type UserVectorSpace } from './vector-source.js';
export { AlsSpace, alsIndexInput, type AlsFactors } from './als-space.js';
export { ContentSpace } from './content-space.js';
export { VectorSpaces, EMBEDDING_MODEL, alsFactors } from './spaces.js';
