import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/index.js';
import { numpyRandom, shuffleInPlace } from './rng.js';

describe('numpyRandom', () => {
  it('reproduces np.random.seed(42); np.random.rand(5)', () => {
    const random = numpyRandom(42);
    const expected = [
      0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652,
    ];
    for (const value of expected) expect(random()).toBeCloseTo(value, 15);
  });

  it('reproduces np.random.seed(0) past the first twist', () => {
    const random = numpyRandom(0);
    expect(random()).toBeCloseTo(0.5488135039273248, 15);
    expect(random()).toBeCloseTo(0.7151893663724195, 15);
    for (let i = 0; i < 400; i++) random();
    const later = random();
    expect(later).toBeGreaterThanOrEqual(0);
    expect(later).toBeLessThan(1);
  });
});

describe('mulberry32', () => {
  it('is deterministic per seed and different across seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
  });

  it('shuffles to a permutation', () => {
    const values = Int32Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(values, mulberry32(1));
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
