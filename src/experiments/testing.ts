// Fixtures for the tests of this folder (excluded from the build by the src/**/testing.ts pattern).
import { BUCKETS, type Experiment } from './types.js';

/** A running control/treatment experiment (equal weights, no overrides) over buckets [start, end). */
export function testExperiment(
  id = 'e',
  layer = 'l',
  bucketStart = 0,
  bucketEnd = BUCKETS,
  extra: Partial<Experiment> = {},
): Experiment {
  return {
    id,
    layer,
    traffic: ((bucketEnd - bucketStart) / BUCKETS) * 100,
    arms: [
      { name: 'control', weight: 1, overrides: {} },
      { name: 'treatment', weight: 1, overrides: {} },
    ],
    control: 'control',
    forced: {},
    status: 'running',
    bucketStart,
    bucketEnd,
    createdAt: 0,
    startedAt: 0,
    stoppedAt: null,
    ...extra,
  };
}
