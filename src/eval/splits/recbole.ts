// RecBole's default general-recommendation protocol: optional rating filter and k-core, then per
// user a random order and a split 8:1:1 by RecBole's `_calcu_split_ids`: every part except the
// first gets floor(ratio * n), bumped to 1 when ratio * n is in (0, 1) while train keeps > 1; the
// first gets the rest. Shuffles use mulberry32, so the split is RecBole's in law, not bit for bit.
import { groupRows, selectRows, type Interactions } from '../interactions.js';
import { mulberry32 } from '../../core/index.js';
import { shuffleInPlace } from '../rng.js';
import { filterByRating, kCore } from './filters.js';
import type { Split } from './types.js';

export interface RecBoleOptions {
  ratios?: [number, number, number];
  seed?: number;
  /** Drop interactions rated below this before anything else. */
  minRating?: number;
  /** Iterated minimum interactions per user and per item. */
  kCore?: number;
}

/** RecBole's part sizes for a group of `total` interactions. */
export function recboleCounts(total: number, ratios: readonly number[]): number[] {
  const sum = ratios.reduce((a, b) => a + b, 0);
  const norm = ratios.map((r) => r / sum);
  const cnt = norm.map((r) => Math.floor(r * total));
  cnt[0] = total - cnt.slice(1).reduce((a, b) => a + b, 0);
  for (let i = 1; i < norm.length; i++) {
    if (cnt[0]! <= 1) break;
    const part = norm.length - i;
    const expected = norm[part]! * total;
    if (expected > 0 && expected < 1) {
      cnt[part]!++;
      cnt[0]!--;
    }
  }
  return cnt;
}

export function recboleSplit(data: Interactions, options: RecBoleOptions = {}): Required<Split> {
  let source = data;
  if (options.minRating !== undefined) source = filterByRating(source, options.minRating);
  if (options.kCore !== undefined) source = kCore(source, options.kCore);
  const ratios = options.ratios ?? [0.8, 0.1, 0.1];
  const random = mulberry32(options.seed ?? 2020);
  const { offsets, rows } = groupRows(source, 'user');
  const parts: number[][] = [[], [], []];
  for (let u = 0; u + 1 < offsets.length; u++) {
    const group = rows.slice(offsets[u]!, offsets[u + 1]!);
    if (group.length === 0) continue;
    shuffleInPlace(group, random);
    const cnt = recboleCounts(group.length, ratios);
    let at = 0;
    cnt.forEach((c, p) => {
      for (let i = 0; i < c; i++) parts[p]!.push(group[at++]!);
    });
  }
  const [train, valid, test] = parts.map((p) =>
    selectRows(
      source,
      p.sort((a, b) => a - b),
    ),
  );
  return { train: train!, valid: valid!, test: test! };
}
