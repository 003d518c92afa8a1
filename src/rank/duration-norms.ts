// Length-neutral quality. A video's watch ratio falls with its length whatever its quality: in the
// simulator an average viewer watches 5 s videos to two thirds and 60 s ones to a fiftieth. The
// ranker's inputs are log-squashed and enter its heads linearly, so between 0.02 and 0.06 (a long
// video three times better than another) its watch-ratio features move a margin less than
// between 0.6 and 0.65: they say how long a video is more than how good it is
// (bench/results/ranking-objective.md). `DurationNorms` keeps the catalog's watch ratio per
// duration band, from the lifetime counters, rebuilt by the owner's maintenance; a video's
// `watch_vs_duration` is its ratio, smoothed towards its band's, as a logit difference from the
// band's: 0 for a video watched as much as others of its length, +1 for one whose odds of being
// watched on are e times theirs, whether it lasts 6 s or 3 minutes.
import type { CatalogStore, ItemStatsStore } from '../store/index.js';

/** Bands are half an octave of duration wide from BAND_START_MS (shorter ones share the first). */
const BAND_START_MS = 4000;
const BANDS = 18;
/** A band's ratio is smoothed towards the catalog's with a prior worth this many plays. */
const BAND_PRIOR_PLAYS = 100;
/** Ratios are kept off 0 and 1 before the logit, so a video never played to a frame is finite. */
const EPSILON = 0.01;

export function durationBand(durationMs: number): number {
  if (!(durationMs > BAND_START_MS)) return 0;
  return Math.min(BANDS - 1, Math.floor(2 * Math.log2(durationMs / BAND_START_MS)));
}

export function logit(p: number): number {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
  return Math.log(q / (1 - q));
}

export interface DurationNormsOptions {
  /** A video's ratio is smoothed towards its band's with a prior worth this many plays (default 20). */
  priorPlays?: number;
}

export class DurationNorms {
  /** Each band's smoothed mean watch ratio (each play capped at 1, as the counters count it). */
  private bandRatio = new Float64Array(BANDS).fill(0.5);
  builtAt = -Infinity;
  private readonly priorPlays: number;

  constructor(
    private readonly catalog: Pick<CatalogStore, 'newest'>,
    private readonly stats: Pick<ItemStatsStore, 'get'>,
    options: DurationNormsOptions = {},
  ) {
    this.priorPlays = options.priorPlays ?? 20;
  }

  /** Sums every published video's plays and watch per band: one counter lookup per video. */
  rebuild(now: number): void {
    const plays = new Float64Array(BANDS);
    const watch = new Float64Array(BANDS);
    let allPlays = 0;
    let allWatch = 0;
    for (const entry of this.catalog.newest()) {
      if (entry.createdAtMs > now) continue;
      const stat = this.stats.get(entry.item.id);
      if (!stat || stat.plays === 0) continue;
      const b = durationBand(entry.item.durationMs);
      plays[b] = plays[b]! + stat.plays;
      watch[b] = watch[b]! + stat.watchSum;
      allPlays += stat.plays;
      allWatch += stat.watchSum;
    }
    const mean = allPlays > 0 ? allWatch / allPlays : 0.5;
    const ratio = new Float64Array(BANDS);
    for (let b = 0; b < BANDS; b++)
      ratio[b] = (watch[b]! + BAND_PRIOR_PLAYS * mean) / (plays[b]! + BAND_PRIOR_PLAYS);
    this.bandRatio = ratio;
    this.builtAt = now;
  }

  stale(now: number, maxAgeMs: number): boolean {
    return now - this.builtAt >= maxAgeMs;
  }

  /** The catalog's mean watch ratio at this duration. */
  expectedRatio(durationMs: number): number {
    return this.bandRatio[durationBand(durationMs)]!;
  }

  /** logit(the video's ratio, smoothed towards its band's) - logit(its band's); 0 when never played. */
  relativeWatch(itemId: string, durationMs: number): number {
    const stat = this.stats.get(itemId);
    if (!stat || stat.plays === 0) return 0;
    const expected = this.expectedRatio(durationMs);
    const m = this.priorPlays;
    const smoothed = (stat.watchSum + m * expected) / (stat.plays + m);
    return logit(smoothed) - logit(expected);
  }
}
