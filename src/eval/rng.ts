// NumPy's generator, so the Microsoft split can be reproduced to the row, and seeded shuffles.
// (mulberry32 and the simulator's Rng live in core/random.ts.)

/** A source of uniform doubles in [0, 1). */
export type Random = () => number;

/**
 * NumPy's legacy generator: `np.random.seed(seed); np.random.rand()` (MT19937 seeded with
 * init_genrand, doubles built from two 32-bit draws with 53 bits). Microsoft Recommenders'
 * `python_stratified_split` draws its shuffle keys this way, so with it our MSR split assigns
 * exactly the same ratings to train and test as theirs does on the same file order.
 */
export function numpyRandom(seed: number): Random {
  const mt = new Uint32Array(624);
  let index = 624;
  mt[0] = seed >>> 0;
  for (let i = 1; i < 624; i++) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    // 1812433253 * prev + i in 32-bit arithmetic, split to keep the product exact.
    mt[i] =
      (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
  }
  const twist = (): void => {
    for (let i = 0; i < 624; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % 624]! & 0x7fffffff);
      mt[i] = mt[(i + 397) % 624]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    index = 0;
  };
  const next32 = (): number => {
    if (index >= 624) twist();
    let y = mt[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  return () => {
    const a = next32() >>> 5;
    const b = next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace(values: Int32Array | number[], random: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
