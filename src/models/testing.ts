// Small training sets for this folder's tests.
import { mulberry32 } from '../core/random.js';
import type { TrainingData } from './types.js';

/** Training data from [user, item] or [user, item, rating] rows (rating 1 when left out). */
export function trainingData(
  rows: readonly (readonly [number, number, number?])[],
  nUsers: number,
  nItems: number,
): TrainingData {
  return {
    nUsers,
    nItems,
    length: rows.length,
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    rating: Float32Array.from(rows, (r) => r[2] ?? 1),
  };
}

/**
 * Two taste groups: users 0..nUsers/2-1 interact only with items 0..nItems/2-1, the others only
 * with the rest; each user has `seen` distinct items of their block, rated 1..5 at random.
 */
export function plantedBlocks(nUsers: number, nItems: number, seen: number, seed: number): TrainingData {
  const rand = mulberry32(seed);
  const half = nItems / 2;
  const rows: [number, number, number][] = [];
  for (let u = 0; u < nUsers; u++) {
    const base = u < nUsers / 2 ? 0 : half;
    const order = Array.from({ length: half }, (_, i) => base + i).sort(() => rand() - 0.5);
    for (const i of order.slice(0, seen)) rows.push([u, i, 1 + Math.floor(rand() * 5)]);
  }
  return trainingData(rows, nUsers, nItems);
}

/** Each (user, item) cell present with probability `density`, plus one repeated interaction (0, 0). */
export function randomData(nUsers: number, nItems: number, density: number, seed: number): TrainingData {
  const rand = mulberry32(seed);
  const rows: [number, number][] = [];
  for (let u = 0; u < nUsers; u++) for (let i = 0; i < nItems; i++) if (rand() < density) rows.push([u, i]);
  rows.push([0, 0], [0, 0]); // a repeat must count once
  return trainingData(rows, nUsers, nItems);
}

/** The distinct items of each user in the training data. */
export function seenItems(data: TrainingData): Set<number>[] {
  const out = Array.from({ length: data.nUsers }, () => new Set<number>());
  for (let r = 0; r < data.length; r++) out[data.user[r]!]!.add(data.item[r]!);
  return out;
}
