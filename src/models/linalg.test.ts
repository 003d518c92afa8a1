import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/random.js';
import { NotPositiveDefiniteError, choleskyInPlace, invertSpdInPlace, solveSpd } from './linalg.js';

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j]! += a[i * n + k]! * b[k * n + j]!;
  return c;
}

/** A random SPD matrix MᵀM + I, with M having more rows than columns. */
function randomSpd(n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const m = 2 * n;
  const x = Float64Array.from({ length: m * n }, () => (rand() < 0.3 ? 1 : 0));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let r = 0; r < m; r++) s += x[r * n + i]! * x[r * n + j]!;
      a[i * n + j] = s;
    }
  return a;
}

function maxAbsDiffFromIdentity(c: Float64Array, n: number): number {
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) e = Math.max(e, Math.abs(c[i * n + j]! - (i === j ? 1 : 0)));
  return e;
}

describe('cholesky and SPD inverse', () => {
  it('factors a known matrix', () => {
    // A = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]]
    const a = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    choleskyInPlace(a, 3);
    expect([a[0], a[3], a[4], a[6], a[7], a[8]]).toEqual([2, 6, 1, -8, 5, 3]);
  });

  it('inverts a known matrix exactly', () => {
    // [[2,1],[1,2]]⁻¹ = [[2,-1],[-1,2]] / 3; the 3 x 3 one's inverse is L⁻ᵀ L⁻¹ worked by hand
    const a = Float64Array.of(2, 1, 1, 2);
    invertSpdInPlace(a, 2);
    [2 / 3, -1 / 3, -1 / 3, 2 / 3].forEach((v, i) => expect(a[i]).toBeCloseTo(v, 14));
    const b = Float64Array.of(4, 12, -16, 12, 37, -43, -16, -43, 98);
    const expected = [1777 / 36, -122 / 9, 19 / 9, -122 / 9, 34 / 9, -5 / 9, 19 / 9, -5 / 9, 1 / 9];
    invertSpdInPlace(b, 3);
    expected.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });

  it.each([1, 3, 4, 5, 8, 13, 37])(
    'P·P⁻¹ ≈ I and the inverse is symmetric (n = %i, every block remainder)',
    (n) => {
      const a = randomSpd(n, n);
      const inv = invertSpdInPlace(a.slice(), n);
      expect(maxAbsDiffFromIdentity(matmul(a, inv, n), n)).toBeLessThan(1e-10);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);
    },
  );

  it('solves A x = b', () => {
    const n = 9;
    const a = randomSpd(n, 3);
    const b = Float64Array.from({ length: n }, (_, i) => i - 4);
    const x = solveSpd(a, b, n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
      expect(s).toBeCloseTo(b[i]!, 10);
    }
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toThrow(NotPositiveDefiniteError);
  });
});
