// Time buckets behind the windowed item counters (item-windows.ts): one span's buckets of one item,
// the windows read from them, and the figures computed from a window's counters.
//
// Approximation: a window read at `now` sums the buckets whose START falls in (now - window, now].
// The current bucket is partly elapsed and the oldest bucket that started before the window is
// left out, so "1 h" covers between 55 and 60 minutes of events (5-minute buckets), "24 h" between
// 23 and 24 hours and "7 d" between 6 d 23 h and 7 d (hourly buckets). Sums are constant while
// `now` stays in one 5-minute bucket, which is what lets a read be memoised per item.
import { COUNTER_NAMES, ZERO_COUNTERS, countersFromArray, type ItemCounters } from './counters.js';
import { smoothedRate } from './item-stats.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The fine buckets' span, behind the hour window. */
export const FINE_BUCKET_MS = 5 * MINUTE;
/** The coarse buckets' span, behind the day and week windows. */
export const HOUR_BUCKET_MS = HOUR;
export const WINDOW_MS = { h1: HOUR, h24: 24 * HOUR, d7: 7 * 24 * HOUR } as const;
export type WindowName = keyof typeof WINDOW_MS;

export type ItemWindows = Readonly<Record<WindowName, Readonly<ItemCounters>>>;

/** Counters as arrays: this many, in COUNTER_NAMES order. */
export const N = COUNTER_NAMES.length;
const NAMES = ['h1', 'h24', 'd7'] as const satisfies readonly WindowName[];

/** Buckets of one span, oldest first: bucket i starts at starts[i], its counters are counts[iN..iN+N). */
export class BucketSeries {
  starts: number[] = [];
  counts: number[] = [];

  add(start: number, values: ArrayLike<number>, from = 0): void {
    const last = this.starts.length - 1;
    if (last < 0 || this.starts[last]! < start) {
      // The usual case: a bucket after every other.
      this.starts.push(start);
      for (let k = 0; k < N; k++) this.counts.push(values[from + k]!);
      return;
    }
    let i = last;
    while (i >= 0 && this.starts[i]! > start) i--;
    if (i < 0 || this.starts[i] !== start) {
      i += 1;
      this.starts.splice(i, 0, start);
      this.counts.splice(i * N, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    for (let k = 0; k < N; k++) this.counts[i * N + k]! += values[from + k]!;
  }

  /** Adds bucket counters into `out` (N per window, in NAMES order) by the window their start is in. */
  sumInto(out: Float64Array, now: number): void {
    for (let i = this.starts.length - 1; i >= 0; i--) {
      const age = now - this.starts[i]!;
      if (age < 0) continue; // starts after `now`: a later read counts it
      if (age >= WINDOW_MS.d7) break;
      // The windows nest: a bucket in the hour is in the day, one in the day is in the week.
      const first = age < WINDOW_MS.h1 ? 0 : age < WINDOW_MS.h24 ? 1 : 2;
      for (let w = first; w < NAMES.length; w++)
        for (let k = 0; k < N; k++) out[w * N + k]! += this.counts[i * N + k]!;
    }
  }

  /** Removes the first `n` buckets. */
  shift(n: number): void {
    if (n <= 0) return;
    this.starts.splice(0, n);
    this.counts.splice(0, n * N);
  }

  /** How many leading buckets start before `t`. */
  countBefore(t: number): number {
    let n = 0;
    while (n < this.starts.length && this.starts[n]! < t) n++;
    return n;
  }
}

export const ZERO_WINDOWS: ItemWindows = Object.freeze({
  h1: ZERO_COUNTERS,
  h24: ZERO_COUNTERS,
  d7: ZERO_COUNTERS,
});

/** Numbers in an item's window sums: N counters per window, in NAMES order (see `sumInto`). */
export const WINDOW_SUMS = NAMES.length * N;
/** Where each window's counters start in the sums. */
export const WINDOW_OFFSET = { h1: 0, h24: N, d7: 2 * N } as const satisfies Record<WindowName, number>;

// Counter positions in an array of counters.
const PLAYS = COUNTER_NAMES.indexOf('plays');
const COMPLETIONS = COUNTER_NAMES.indexOf('completions');
const WATCH_SUM = COUNTER_NAMES.indexOf('watchSum');
const LIKES = COUNTER_NAMES.indexOf('likes');
const SHARES = COUNTER_NAMES.indexOf('shares');
const SKIPS = COUNTER_NAMES.indexOf('skips');

/** Sums of the windows (WINDOW_SUMS numbers) as counters per window. */
export function windowsFromSums(sums: ArrayLike<number>): ItemWindows {
  return {
    h1: countersFromArray(sums, WINDOW_OFFSET.h1),
    h24: countersFromArray(sums, WINDOW_OFFSET.h24),
    d7: countersFromArray(sums, WINDOW_OFFSET.d7),
  };
}

/** Rates per play, each smoothed towards a prior (see `smoothedRate`). */
export interface WindowQuality {
  /** Mean fraction watched (each play capped at 1). */
  watchRatio: number;
  completionRate: number;
  likeRate: number;
  shareRate: number;
  /** Quick skips per play: the plainest sign of how the audience took to it. */
  skipRate: number;
}

/** A prior for window quality: its rates, worth `plays` plays. */
export interface QualityPrior extends WindowQuality {
  plays: number;
}

/**
 * What velocity and the quality figures count as engagement, of the counters at `c[from..]`: plays
 * weighted by the fraction watched, plus likes and shares.
 */
export function engagement(c: ArrayLike<number>, from: number): number {
  return c[from + WATCH_SUM]! + c[from + LIKES]! + c[from + SHARES]!;
}

/**
 * Writes the smoothed per-play rates of the counters at `c[from..]` into `out` and returns it: in
 * place, so that the feature memo of an item is rewritten, never reallocated (item-windows.ts).
 */
export function windowQualityInto(
  out: WindowQuality,
  c: ArrayLike<number>,
  from: number,
  prior: QualityPrior,
): WindowQuality {
  const plays = c[from + PLAYS]!;
  out.watchRatio = smoothedRate(c[from + WATCH_SUM]!, plays, prior.watchRatio, prior.plays);
  out.completionRate = smoothedRate(c[from + COMPLETIONS]!, plays, prior.completionRate, prior.plays);
  out.likeRate = smoothedRate(c[from + LIKES]!, plays, prior.likeRate, prior.plays);
  out.shareRate = smoothedRate(c[from + SHARES]!, plays, prior.shareRate, prior.plays);
  out.skipRate = smoothedRate(c[from + SKIPS]!, plays, prior.skipRate, prior.plays);
  return out;
}

/** Rates not yet computed (NaN, so the fields hold doubles from the start). */
export function emptyQuality(): WindowQuality {
  return { watchRatio: NaN, completionRate: NaN, likeRate: NaN, shareRate: NaN, skipRate: NaN };
}

/** A prior worth `plays` plays at the rates of the counters at `c[from..]`. */
export function priorFrom(c: ArrayLike<number>, from: number, plays: number): QualityPrior {
  const n = c[from + PLAYS]!;
  const rate = (k: number) => (n > 0 ? c[from + k]! / n : 0);
  return {
    plays,
    watchRatio: rate(WATCH_SUM),
    completionRate: rate(COMPLETIONS),
    likeRate: rate(LIKES),
    shareRate: rate(SHARES),
    skipRate: rate(SKIPS),
  };
}
