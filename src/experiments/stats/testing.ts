// Seeded draws for the tests in this folder, so every synthetic experiment replays exactly.
// (Excluded from the build by the src/**/testing.ts pattern in tsconfig.build.json.)
export { mulberry32 } from '../../core/index.js';

/** Standard normal draws (Box–Muller) from a uniform source. */
export function gaussian(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
