// The seven item counters, kept by item-stats.ts (lifetime) and item-windows.ts (in time buckets)
// alike: their names, their columns, a zero, and the conversions between rows, objects and arrays.

/** Item counts: what the quality and fresh pools judge a video by. */
export interface ItemCounters {
  impressions: number;
  /** Watches and skips: every time the video started playing. */
  plays: number;
  /** Plays watched to the end. */
  completions: number;
  /** Sum of watch ratios over plays, each capped at 1. */
  watchSum: number;
  likes: number;
  shares: number;
  /** Quick skips. */
  skips: number;
}

/** The counters in their one order: arrays of counters (buckets, SQL parameters) follow it. */
export const COUNTER_NAMES = [
  'impressions',
  'plays',
  'completions',
  'watchSum',
  'likes',
  'shares',
  'skips',
] as const satisfies readonly (keyof ItemCounters)[];

/** Their columns, in the same order, as SQL lists them. */
export const COUNTER_COLUMNS = 'impressions, plays, completions, watch_sum, likes, shares, skips';

/** A row holding the counter columns. */
export interface CounterRow {
  impressions: number;
  plays: number;
  completions: number;
  watch_sum: number;
  likes: number;
  shares: number;
  skips: number;
}

export const ZERO_COUNTERS: Readonly<ItemCounters> = Object.freeze({
  impressions: 0,
  plays: 0,
  completions: 0,
  watchSum: 0,
  likes: 0,
  shares: 0,
  skips: 0,
});

export function countersFromRow(r: CounterRow): ItemCounters {
  return {
    impressions: r.impressions,
    plays: r.plays,
    completions: r.completions,
    watchSum: r.watch_sum,
    likes: r.likes,
    shares: r.shares,
    skips: r.skips,
  };
}

/** A row's counters as an array, in COUNTER_NAMES order. */
export function counterArrayFromRow(r: CounterRow): number[] {
  return [r.impressions, r.plays, r.completions, r.watch_sum, r.likes, r.shares, r.skips];
}

/** The counters at `v[from..from+7)`, in COUNTER_NAMES order. */
export function countersFromArray(v: ArrayLike<number>, from = 0): ItemCounters {
  return {
    impressions: v[from]!,
    plays: v[from + 1]!,
    completions: v[from + 2]!,
    watchSum: v[from + 3]!,
    likes: v[from + 4]!,
    shares: v[from + 5]!,
    skips: v[from + 6]!,
  };
}

/** Adds `delta` into `target` (named fields, not a loop over names: it runs per event). */
export function addCounters(target: ItemCounters, delta: Partial<ItemCounters>): void {
  target.impressions += delta.impressions ?? 0;
  target.plays += delta.plays ?? 0;
  target.completions += delta.completions ?? 0;
  target.watchSum += delta.watchSum ?? 0;
  target.likes += delta.likes ?? 0;
  target.shares += delta.shares ?? 0;
  target.skips += delta.skips ?? 0;
}

/** Adds `delta` into `target[from..from+7)`, in COUNTER_NAMES order. */
export function addCountersInto(target: number[], delta: Partial<ItemCounters>, from = 0): void {
  target[from]! += delta.impressions ?? 0;
  target[from + 1]! += delta.plays ?? 0;
  target[from + 2]! += delta.completions ?? 0;
  target[from + 3]! += delta.watchSum ?? 0;
  target[from + 4]! += delta.likes ?? 0;
  target[from + 5]! += delta.shares ?? 0;
  target[from + 6]! += delta.skips ?? 0;
}
