// The distribution functions an experiment readout needs, written out so the platform carries no
// numerical dependency. They rest on the regularized incomplete gamma and beta functions, evaluated
// by series and Lentz continued fractions, plus an expansion in 1/df for the t distribution at the
// df of experiments with millions of users. Tails are computed directly rather than as 1 − CDF, so
// a p-value of 1e-12 keeps its digits instead of rounding to 0.

const EPSILON = 1e-15;
// Lentz's method divides by these running terms; a tiny floor keeps a zero from becoming 0/0.
const TINY = 1e-300;
// The beta continued fraction needs O(√max(a, b)) terms; Welch df in the millions stays well inside.
const MAX_ITERATIONS = 1_000_000;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// Lanczos (g = 7, n = 9): relative error near 1e-15 for x > 0.5.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of the gamma function, for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  // Reflection keeps the Lanczos sum in the range where it is accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const shifted = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0]!;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += LANCZOS_COEFFICIENTS[i]! / (shifted + i);
  const base = shifted + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (shifted + 0.5) * Math.log(base) - base + Math.log(sum);
}

// Stirling's series without its leading terms; truncation error below 1e-16 once z >= 30.
function stirlingCorrection(z: number): number {
  const inverse = 1 / z;
  const inverseSquared = inverse * inverse;
  return (
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared / 1680)))
  );
}

/**
 * ln B(a, b). With Welch df in the millions, lnΓ(a) and lnΓ(a + b) are each ~1e7 and their
 * difference would lose eight digits, so for a large argument the difference is taken analytically.
 */
export function lnBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large < 30) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const lnGammaRatio =
    -(large - 0.5) * Math.log1p(small / large) -
    small * Math.log(large + small) +
    small +
    stirlingCorrection(large) -
    stirlingCorrection(large + small);
  return lnGamma(small) + lnGammaRatio;
}

// x^a e^−x / Γ(a): the common factor of both incomplete gamma expansions.
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(a * Math.log(x) - x - lnGamma(a));
}

// P(a, x) by its power series; converges quickly for x < a + 1.
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * gammaPrefactor(a, x);
}

// Q(a, x) by its continued fraction (modified Lentz); converges quickly for x >= a + 1.
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return fraction * gammaPrefactor(a, x);
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0 and x >= 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

// The continued fraction for I_x(a, b) (Numerical Recipes' betacf, modified Lentz); converges
// quickly for x < (a + 1) / (a + b + 2).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const sum = a + b;
  let c = 1;
  let d = 1 - (sum * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const twoM = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + twoM) * (a + twoM));
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    const odd = (-(a + m) * (sum + m) * x) / ((a + twoM) * (a + 1 + twoM));
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return fraction;
}

// I_x(a, b) given both x and y = 1 − x, so callers that know 1 − x exactly (the t distribution
// does: t²/(ν + t²)) do not lose it to cancellation when x is near 1.
function incompleteBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // With a in the millions, a·ln x must come from the exact complement: ln x = log1p(−y).
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const prefactor = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  return x < (a + 1) / (a + b + 2)
    ? (prefactor * betaContinuedFraction(a, b, x)) / a
    : 1 - (prefactor * betaContinuedFraction(b, a, y)) / b;
}

/** Regularized incomplete beta I_x(a, b), for a, b > 0 and 0 <= x <= 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) return NaN;
  return incompleteBeta(a, b, x, 1 - x);
}

/** Standard normal CDF Φ(z), via Φ(z) = erfc(−z/√2)/2 and erfc(u) = Q(1/2, u²). */
export function standardNormalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const half = (z * z) / 2;
  return z < 0 ? 0.5 * regularizedGammaQ(0.5, half) : 0.5 + 0.5 * regularizedGammaP(0.5, half);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below to full precision.
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const coefficient of coefficients) value = value * x + coefficient;
  return value;
}

// Quantile for p <= 0.5, where Φ(x) − p can be evaluated without cancellation.
function lowerNormalQuantile(p: number): number {
  let x: number;
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = polynomial(ACKLAM_C, q) / (polynomial(ACKLAM_D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (polynomial(ACKLAM_A, r) * q) / (polynomial(ACKLAM_B, r) * r + 1);
  }
  // One Halley step against the accurate CDF takes Acklam's 1e-9 to near machine precision.
  const error = standardNormalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Standard normal quantile Φ⁻¹(p); ±Infinity at 0 and 1, NaN outside [0, 1]. */
export function standardNormalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // 1 − p is exact for p in [0.5, 1], so the upper half borrows the lower half's accuracy.
  return p <= 0.5 ? lowerNormalQuantile(p) : -lowerNormalQuantile(1 - p);
}

// Fisher's expansion of the t tail in powers of 1/ν. For large ν the beta continued fraction loses
// about ν·4e-17 (relative) to cancellation, as x = ν/(ν + t²) sits within t²/ν of 1, while this
// series' error falls as 1/ν³ and grows like t¹²; |t|³ <= ν/3000 is where the series is the more
// accurate of the two.
function useTailExpansion(t: number, df: number): boolean {
  return df >= 1e5 && Math.abs(t) ** 3 <= df / 3000;
}

function expandedTwoSidedPValue(t: number, df: number): number {
  const u = Math.abs(t);
  const u2 = u * u;
  const density = Math.exp(-u2 / 2 - LN_SQRT_2PI);
  const firstOrder = (u * (u2 + 1)) / 4;
  const secondOrder = (u * (((3 * u2 - 7) * u2 - 5) * u2 - 3)) / 96;
  return regularizedGammaQ(0.5, u2 / 2) + 2 * density * (firstOrder / df + secondOrder / (df * df));
}

/**
 * Two-sided p-value P(|T| >= |t|) for Student's t with df > 0 degrees of freedom (fractional df,
 * as Welch produces, is fine; df = Infinity gives the normal). It is I_{ν/(ν+t²)}(ν/2, 1/2).
 */
export function studentTTwoSidedPValue(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  if (useTailExpansion(t, df)) return expandedTwoSidedPValue(t, df);
  const squared = t * t;
  return incompleteBeta(df / 2, 0.5, df / (df + squared), squared / (df + squared));
}

/** Student's t CDF P(T <= t) for df > 0 degrees of freedom (df = Infinity gives the normal). */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedPValue(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

function studentTDensity(t: number, df: number): number {
  return Math.exp(-lnBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

// The t > 0 with P(T > t) = tail, for 0 < tail < 0.5: Newton on the upper tail, kept inside a
// bracket that bisects (geometrically while the bracket spans orders of magnitude, as it does for
// df < 1) whenever a step would leave it.
function upperTailTQuantile(tail: number, df: number): number {
  const upperTail = (t: number): number => studentTTwoSidedPValue(t, df) / 2;
  let lo = 0;
  let hi = Math.max(1, -standardNormalQuantile(tail));
  while (upperTail(hi) > tail && hi < Number.MAX_VALUE / 4) {
    lo = hi;
    hi *= 4;
  }
  let t = hi;
  for (let i = 0; i < 500; i++) {
    const excess = upperTail(t) - tail;
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    let next = t + excess / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = lo > 0 && hi / lo > 4 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * next || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}

/** Student's t quantile: the t with P(T <= t) = p, for df > 0 (df = Infinity gives the normal). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (df === Infinity) return standardNormalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p < 0.5 ? -upperTailTQuantile(p, df) : upperTailTQuantile(1 - p, df);
}

/** Chi-square survival function P(X >= x) for df > 0 degrees of freedom: Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
