// Dense symmetric positive definite kernels on row-major Float64Array matrices. Every inner loop
// is a dot product of two contiguous row segments, so rows stream through the cache in order
// (column walks on a 1,682 x 1,682 matrix would miss on every element). Loops handle two rows
// at once so each loaded element feeds two multiply-adds; V8 does not vectorise, so reusing loads
// is what makes the difference.

/** Error thrown when a matrix meant to be positive definite is not (a pivot <= 0). */
export class NotPositiveDefiniteError extends Error {
  constructor(readonly pivot: number) {
    super(`matrix is not positive definite (pivot ${pivot})`);
    this.name = 'NotPositiveDefiniteError';
  }
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  // four accumulators break the add dependency chain
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += a[ao + t]! * b[bo + t]!;
    s1 += a[ao + t + 1]! * b[bo + t + 1]!;
    s2 += a[ao + t + 2]! * b[bo + t + 2]!;
    s3 += a[ao + t + 3]! * b[bo + t + 3]!;
  }
  for (; t < len; t++) s0 += a[ao + t]! * b[bo + t]!;
  return s0 + s1 + s2 + s3;
}

/**
 * out[2r + c] = Σ_{t < len} x[xr + t] y[yc + t] for the four x rows x0..x3 and the two y rows
 * y0, y1: eight multiply-adds per six loads, against one per two for a plain dot product.
 */
function dot4x2(
  x: Float64Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y: Float64Array,
  y0: number,
  y1: number,
  len: number,
  out: Float64Array,
): void {
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let s30 = 0;
  let s31 = 0;
  // one induction variable and fixed deltas: V8 emits fewer address computations this way
  const end = x0 + len;
  const d1 = x1 - x0;
  const d2 = x2 - x0;
  const d3 = x3 - x0;
  const e0 = y0 - x0;
  const e1 = y1 - x0;
  for (let t = x0; t < end; t++) {
    const a = y[t + e0]!;
    const b = y[t + e1]!;
    const p = x[t]!;
    s00 += p * a;
    s01 += p * b;
    const q = x[t + d1]!;
    s10 += q * a;
    s11 += q * b;
    const r = x[t + d2]!;
    s20 += r * a;
    s21 += r * b;
    const s = x[t + d3]!;
    s30 += s * a;
    s31 += s * b;
  }
  out[0] = s00;
  out[1] = s01;
  out[2] = s10;
  out[3] = s11;
  out[4] = s20;
  out[5] = s21;
  out[6] = s30;
  out[7] = s31;
}

/**
 * Cholesky factorisation A = L Lᵀ in place: the lower triangle (diagonal included) of `a` becomes
 * L; the strict upper triangle is left untouched. Throws NotPositiveDefiniteError.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  if (a.length < n * n) throw new RangeError('matrix smaller than n x n');
  const s = new Float64Array(8);
  let i = 0;
  // Four rows at a time: L[r][j] = (A[r][j] - L_r·L_j) / L[j][j] needs only rows j < i, which
  // are final, so the four rows share every load of rows j and j+1.
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const rj = j * n;
      const rk = rj + n;
      dot4x2(a, r0, r0 + n, r0 + 2 * n, r0 + 3 * n, a, rj, rk, j, s);
      const djj = a[rj + j]!;
      const dkk = a[rk + j + 1]!;
      const lkj = a[rk + j]!;
      for (let r = 0; r < 4; r++) {
        const rr = r0 + r * n;
        const lrj = (a[rr + j]! - s[2 * r]!) / djj;
        a[rr + j] = lrj;
        a[rr + j + 1] = (a[rr + j + 1]! - s[2 * r + 1]! - lrj * lkj) / dkk;
      }
    }
    for (; j < i; j++) for (let r = 0; r < 4; r++) choleskyEntry(a, n, i + r, j);
    // the 4 x 4 diagonal block, row by row
    for (let r = i; r < i + 4; r++) {
      for (let c = i; c < r; c++) choleskyEntry(a, n, r, c);
      choleskyDiagonal(a, n, r);
    }
  }
  for (; i < n; i++) {
    for (let j = 0; j < i; j++) choleskyEntry(a, n, i, j);
    choleskyDiagonal(a, n, i);
  }
}

function choleskyEntry(a: Float64Array, n: number, i: number, j: number): void {
  a[i * n + j] = (a[i * n + j]! - dot(a, i * n, a, j * n, j)) / a[j * n + j]!;
}

function choleskyDiagonal(a: Float64Array, n: number, i: number): void {
  const d = a[i * n + i]! - dot(a, i * n, a, i * n, i);
  if (!(d > 0)) throw new NotPositiveDefiniteError(d);
  a[i * n + i] = Math.sqrt(d);
}

/**
 * The inverse of a symmetric positive definite matrix, via Cholesky: A⁻¹ = L⁻ᵀ L⁻¹. `a` is
 * overwritten (its lower triangle holds L midway) and finally holds the full symmetric inverse;
 * the same array is returned. Costs n³/2 multiply-adds and one extra n x n scratch matrix.
 */
export function invertSpdInPlace(a: Float64Array, n: number): Float64Array {
  choleskyInPlace(a, n);
  const s = new Float64Array(8);
  // U = L⁻ᵀ (upper triangular): row c of U is column c of L⁻¹, from forward substitution on
  // L w = e_c, U[c][i] = -Σ_{c <= k < i} L[i][k] U[c][k] / L[i][i]. Rows of U start zero below
  // the diagonal, so four rows c..c+3 can run the same dot product from column c and share
  // the loads of rows i and i+1 of L.
  const u = new Float64Array(n * n);
  let c = 0;
  for (; c + 3 < n; c += 4) {
    for (let r = c; r < c + 4; r++) {
      // the leading triangle of the four rows, one at a time
      u[r * n + r] = 1 / a[r * n + r]!;
      for (let i = r + 1; i < c + 4; i++)
        u[r * n + i] = -dot(a, i * n + r, u, r * n + r, i - r) / a[i * n + i]!;
    }
    const u0 = c * n + c;
    let i = c + 4;
    for (; i + 1 < n; i += 2) {
      const ri = i * n;
      const rk = ri + n;
      dot4x2(u, u0, u0 + n, u0 + 2 * n, u0 + 3 * n, a, ri + c, rk + c, i - c, s);
      const dii = a[ri + i]!;
      const dkk = a[rk + i + 1]!;
      const lki = a[rk + i]!;
      for (let r = 0; r < 4; r++) {
        const ur = (c + r) * n;
        const uri = -s[2 * r]! / dii;
        u[ur + i] = uri;
        u[ur + i + 1] = -(s[2 * r + 1]! + lki * uri) / dkk;
      }
    }
    for (; i < n; i++)
      for (let r = c; r < c + 4; r++) u[r * n + i] = -dot(a, i * n + c, u, r * n + c, i - c) / a[i * n + i]!;
  }
  for (; c < n; c++) {
    u[c * n + c] = 1 / a[c * n + c]!;
    for (let i = c + 1; i < n; i++) u[c * n + i] = -dot(a, i * n + c, u, c * n + c, i - c) / a[i * n + i]!;
  }
  // P = U Uᵀ: P[i][j] = Σ_{k >= max(i,j)} U[i][k] U[j][k]. With j <= i the sum starts at column
  // i, and rows i..i+3 of U are zero before their diagonal, so four rows share one dot product.
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const ri = i * n + i;
    let j = 0;
    for (; j + 1 < i + 4; j += 2) {
      dot4x2(u, ri, ri + n, ri + 2 * n, ri + 3 * n, u, j * n + i, (j + 1) * n + i, n - i, s);
      for (let r = 0; r < 4; r++) {
        // entries above the diagonal inside the block are written by the symmetric store
        for (let q = 0; q < 2; q++) {
          const v = s[2 * r + q]!;
          a[(i + r) * n + j + q] = v;
          a[(j + q) * n + i + r] = v;
        }
      }
    }
  }
  for (; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = dot(u, i * n + i, u, j * n + i, n - i);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/** Solves A x = b for symmetric positive definite A (n x n, row-major) without modifying A. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = a.slice(0, n * n);
  choleskyInPlace(l, n);
  const x = Float64Array.from(b.subarray(0, n));
  for (let i = 0; i < n; i++) x[i] = (x[i]! - dot(l, i * n, x, 0, i)) / l[i * n + i]!;
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}
