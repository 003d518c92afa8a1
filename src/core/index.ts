// The domain: types, validation, configuration, errors and time. Imports nothing of ours.
export * from './schemas.js';
export * from './validate.js';
export * from './errors.js';
export * from './config.js';
export * from './clock.js';
export * from './ids.js';
export * from './feed.js';
export * from './components.js';
export * from './profile.js';
export { VERSION } from './version.js';
export { mulberry32, hash32, hashString, partitionOf, Rng } from './random.js';
export { TopK } from './top-k.js';
