import { describe, expect, it } from 'vitest';
import { Assigner, allocateBuckets, armOf, bucketOf } from './assignment.js';
import { testExperiment } from './testing.js';
import { BUCKETS } from './types.js';

const users = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);

describe('bucketing', () => {
  it('is deterministic and spreads users evenly over the buckets', () => {
    expect(bucketOf('alice', 'ranking')).toBe(bucketOf('alice', 'ranking'));
    const tenths = new Array<number>(10).fill(0);
    for (const u of users) tenths[Math.floor(bucketOf(u, 'ranking') / 1000)]!++;
    expect(Math.min(...tenths)).toBeGreaterThan(1800);
    expect(Math.max(...tenths)).toBeLessThan(2200);
  });

  it('splits an experiment by arm weight', () => {
    const e = testExperiment('e', 'l', 0, BUCKETS, {
      arms: [
        { name: 'a', weight: 3, overrides: {} },
        { name: 'b', weight: 1, overrides: {} },
      ],
    });
    const a = users.filter((u) => armOf(e, u) === 'a').length / users.length;
    expect(a).toBeGreaterThan(0.73);
    expect(a).toBeLessThan(0.77);
  });
});

describe('Assigner', () => {
  it('keeps experiments of one layer apart and layers independent', () => {
    const assigner = new Assigner([
      testExperiment('a1', 'layer-a', 0, 5000),
      testExperiment('a2', 'layer-a', 5000, 10_000),
      testExperiment('b1', 'layer-b', 0, 10_000),
    ]);
    let inA1Treatment = 0;
    let bothTreatment = 0;
    let misplaced = 0;
    for (const u of users) {
      const got = assigner.assign(u);
      // Exactly one of layer a's two experiments, and layer b's.
      if (got.filter((g) => g.experiment.startsWith('a')).length !== 1) misplaced++;
      if (got.filter((g) => g.experiment === 'b1').length !== 1) misplaced++;
      const a1 = got.find((g) => g.experiment === 'a1');
      if (a1?.arm === 'treatment') {
        inA1Treatment++;
        if (got.find((g) => g.experiment === 'b1')!.arm === 'treatment') bothTreatment++;
      }
    }
    expect(misplaced).toBe(0);
    // Orthogonal: layer b's split among layer a's treatment users is still about half and half.
    expect(bothTreatment / inA1Treatment).toBeGreaterThan(0.46);
    expect(bothTreatment / inA1Treatment).toBeLessThan(0.54);
  });

  it('includes only the traffic share, ignores experiments that are not running, and is stable', () => {
    const assigner = new Assigner([
      testExperiment('e', 'l', 0, 1000),
      testExperiment('d', 'm', 0, BUCKETS, { status: 'draft' }),
    ]);
    const inside = users.filter((u) => assigner.assign(u).length > 0);
    expect(inside.length / users.length).toBeGreaterThan(0.09);
    expect(inside.length / users.length).toBeLessThan(0.11);
    const again = new Assigner([testExperiment('e', 'l', 0, 1000)]);
    for (const u of users.slice(0, 2000)) expect(again.assign(u)).toEqual(assigner.assign(u));
  });

  it('serves forced QA users their arm and keeps held-out users out of everything else', () => {
    const assigner = new Assigner(
      [testExperiment('e', 'l', 0, BUCKETS, { forced: { qa: 'treatment' } })],
      20,
    );
    for (let i = 0; i < 50; i++)
      expect(assigner.assign('qa')).toEqual([{ experiment: 'e', arm: 'treatment', forced: true }]);
    const held = users.filter((u) => assigner.heldOut(u));
    expect(held.length / users.length).toBeGreaterThan(0.18);
    expect(held.length / users.length).toBeLessThan(0.22);
    for (const u of held) expect(assigner.assign(u)).toEqual([]);
  });
});

describe('allocateBuckets', () => {
  it('finds the first gap that fits and refuses when the layer is full', () => {
    expect(allocateBuckets([], 3000)).toEqual({ bucketStart: 0, bucketEnd: 3000 });
    const taken = [
      { bucketStart: 0, bucketEnd: 3000 },
      { bucketStart: 5000, bucketEnd: 10_000 },
    ];
    expect(allocateBuckets(taken, 2000)).toEqual({ bucketStart: 3000, bucketEnd: 5000 });
    expect(allocateBuckets(taken, 2001)).toBeNull();
  });
});
