// Seeded pseudo-random generators. Math.random cannot be seeded, and a split, a baseline or a
// simulation that cannot be replayed from its seed cannot be compared with another.

/** mulberry32: a tiny seeded generator of uniform doubles in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** splitmix32: one 32-bit state, good equidistribution, and any seed (even 0) is fine. */
export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[this.int(list.length)]!;
  }

  /** Standard normal, Box-Muller; the second variate of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return mean + sd * s;
    }
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given arithmetic mean and log-space spread. */
  lognormal(mean: number, sigma: number): number {
    return Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Number of failures before the first success, P(success) = p. */
  geometric(p: number): number {
    if (p >= 1) return 0;
    return Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  }

  /** Gamma(shape, 1), Marsaglia-Tsang; shapes below 1 via the x * U^(1/shape) boost. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.next() || 1e-12, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x + y > 0 ? x / (x + y) : 0.5;
  }

  /** Dirichlet(alphas) written into `out` (a fresh array when omitted). */
  dirichlet(alphas: ArrayLike<number>, out: Float32Array = new Float32Array(alphas.length)): Float32Array {
    let sum = 0;
    for (let i = 0; i < alphas.length; i++) {
      const g = this.gamma(alphas[i]!);
      out[i] = g;
      sum += g;
    }
    if (sum <= 0) {
      // Tiny shapes can underflow every component; fall back to one random topic.
      out.fill(0);
      out[this.int(alphas.length)] = 1;
      return out;
    }
    for (let i = 0; i < alphas.length; i++) out[i] = out[i]! / sum;
    return out;
  }

  /** Index drawn with probability proportional to `weights` (cumulative, ascending). */
  weighted(cumulative: ArrayLike<number>): number {
    const total = cumulative[cumulative.length - 1]!;
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** An independent stream, so adding draws to one part of the sim does not shift another. */
  fork(salt: number): Rng {
    return new Rng(hash32(this.state ^ Math.imul(salt | 0, 0x85ebca6b)));
  }
}

/** murmur3's finaliser: a well-mixed 32-bit hash of a 32-bit input. */
export function hash32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A well-mixed unsigned 32-bit hash of a string: FNV-1a over its UTF-16 code units, finalised
 * with hash32 to spread FNV's weak low bits. `seed` selects an independent hash function.
 */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ hash32(seed)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return hash32(h);
}

/** The partition a key belongs to among `partitions`: stable across processes and releases. */
export function partitionOf(key: string, partitions: number): number {
  return hashString(key) % partitions;
}
