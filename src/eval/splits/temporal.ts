// Time-based protocols: per user the last N interactions by time held out (leave-last-N), or one
// global cut in time so that no training interaction happens after any test interaction.
import { DatasetError } from '../errors.js';
import { groupRows, rowsWhere, selectRows, type Interactions } from '../interactions.js';
import type { Split } from './types.js';

function requireTime(data: Interactions): Float64Array {
  if (!data.timestamp)
    throw new DatasetError(data.source, 'this split needs timestamps and the data has none');
  return data.timestamp;
}

export interface LeaveLastOptions {
  /** Interactions per user held out for test. */
  n?: number;
  /** Interactions per user held out for validation, taken just before the test ones. */
  valid?: number;
}

/**
 * Per user, sorted by time (ties by file order), the last `n` go to test and the `valid` before
 * them to validation. A user with no more than n + valid interactions keeps them all in train.
 */
export function leaveLastSplit(data: Interactions, options: LeaveLastOptions = {}): Split {
  const time = requireTime(data);
  const n = options.n ?? 1;
  const v = options.valid ?? 0;
  const { offsets, rows } = groupRows(data, 'user');
  const train: number[] = [];
  const valid: number[] = [];
  const test: number[] = [];
  for (let u = 0; u + 1 < offsets.length; u++) {
    const group = Array.from(rows.subarray(offsets[u]!, offsets[u + 1]!));
    group.sort((a, b) => time[a]! - time[b]! || a - b);
    const m = group.length;
    const held = m > n + v;
    group.forEach((r, i) => {
      if (!held || i < m - n - v) train.push(r);
      else if (i < m - n) valid.push(r);
      else test.push(r);
    });
  }
  const pick = (list: number[]) =>
    selectRows(
      data,
      list.sort((a, b) => a - b),
    );
  return v > 0
    ? { train: pick(train), valid: pick(valid), test: pick(test) }
    : { train: pick(train), test: pick(test) };
}

export interface TimeCutOptions {
  /** Cut as unix milliseconds: rows strictly before go to train. */
  at?: number;
  /** Or the cut as a quantile of all timestamps (default 0.8). */
  quantile?: number;
}

/** Returns the timestamp at quantile q (nearest rank). */
export function timeQuantile(time: Float64Array, q: number): number {
  const sorted = Float64Array.from(time).sort();
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** One global cut: train is everything before it, test everything at or after it. */
export function globalTimeSplit(data: Interactions, options: TimeCutOptions = {}): Split & { cut: number } {
  const time = requireTime(data);
  const cut = options.at ?? timeQuantile(time, options.quantile ?? 0.8) + 1;
  return {
    cut,
    train: selectRows(
      data,
      rowsWhere(data, (r) => time[r]! < cut),
    ),
    test: selectRows(
      data,
      rowsWhere(data, (r) => time[r]! >= cut),
    ),
  };
}
