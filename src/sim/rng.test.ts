import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { cumulative, pairNormal } from './rng.js';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('Rng', () => {
  it('replays the same sequence for the same seed, and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = draw(100, () => a.next());
    expect(draw(100, () => b.next())).toEqual(xs);
    expect(draw(100, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws normals, gammas and betas with the right moments', () => {
    const rng = new Rng(7);
    const normals = draw(20_000, () => rng.normal(2, 3));
    expect(mean(normals)).toBeCloseTo(2, 1);
    const sd = Math.sqrt(mean(normals.map((x) => (x - 2) ** 2)));
    expect(sd).toBeGreaterThan(2.9);
    expect(sd).toBeLessThan(3.1);
    // Gamma(k) has mean k, including the small shapes the Dirichlet uses.
    for (const k of [0.25, 1, 3.5]) expect(mean(draw(20_000, () => rng.gamma(k)))).toBeCloseTo(k, 1);
    expect(mean(draw(20_000, () => rng.beta(2, 6)))).toBeCloseTo(0.25, 2);
    expect(mean(draw(20_000, () => rng.lognormal(20, 0.7)))).toBeGreaterThan(19);
  });

  it('samples the simplex and weighted indices', () => {
    const rng = new Rng(3);
    const d = rng.dirichlet([0.2, 0.2, 0.2, 5]);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const counts = [0, 0, 0];
    const cum = cumulative([1, 0, 3]);
    for (let i = 0; i < 8000; i++) counts[rng.weighted(cum)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('gives each (user, video) pair one fixed standard-normal taste', () => {
    expect(pairNormal(5, 9)).toBe(pairNormal(5, 9));
    expect(pairNormal(5, 9)).not.toBe(pairNormal(9, 5));
    const xs = draw(
      20_000,
      (() => {
        let i = 0;
        return () => pairNormal(12345, i++);
      })(),
    );
    expect(mean(xs)).toBeCloseTo(0, 1);
    expect(mean(xs.map((x) => x * x))).toBeCloseTo(1, 1);
  });
});
