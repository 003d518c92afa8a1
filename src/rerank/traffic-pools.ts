// New-video traffic pools. Every new upload is guaranteed a small audience (level L0: its first
// `caps[0]` impressions); when it has had them, it is promoted to the next level's larger
// guarantee if its smoothed completion AND like rates beat the medians of the videos that finished
// that level, else it is capped: the feed owes it nothing more, and it competes on its score alone.
// Past the last cap a video is unbounded (L3 by default) and needs no guarantee.
//
// Levels are derived, not stored: a rebuild (maintenance, every few seconds) walks each new video
// up the levels from its lifetime counters, judging it at every cap it has passed with its rates
// now. So there is no table and nothing to migrate, a restart recomputes the same standings, and a
// video whose rates fall below a bar it once beat is demoted to where it falls.
import { hashString, type CatalogItem } from '../core/index.js';
import { smoothedRate, type ItemCounters } from '../store/index.js';

export interface TrafficPoolOptions {
  /** Impressions guaranteed up to, by level: L0 up to caps[0], L1 up to caps[1]...; ascending. */
  caps: readonly number[];
  /** Videos younger than this are in the pools; older ones are left to the rest of the feed. */
  maxAgeMs: number;
  /** Rates are smoothed towards the catalog's with a prior worth this many plays. */
  priorPlays: number;
  /** A level finished by fewer videos than this is judged against the catalog's rates instead. */
  minCohort: number;
  /** Rebuilt at most this often (and when the catalog changes). */
  rebuildEveryMs: number;
}

export interface PoolStanding {
  /** 0 for L0 ... `caps.length` for past the last cap (unbounded). */
  level: number;
  /** Finished its level without beating the bar: no more guaranteed traffic. */
  capped: boolean;
  /** Impressions its level still guarantees (0 when capped or unbounded). */
  remaining: number;
}

/** What a video must beat to leave a level: the medians of the videos that finished it. */
export interface LevelBar {
  completion: number;
  like: number;
  /** How many videos finished the level (the median's sample). */
  cohort: number;
}

export interface PooledVideo {
  entry: CatalogItem;
  standing: PoolStanding;
  /** Share of the level's guarantee still owed, in (0, 1]: the least served are drawn first. */
  owed: number;
}

/**
 * The owed list as columns, in its order: the per-request scan reads these contiguous arrays and
 * touches a video's objects only when it keeps one (a pool holds tens of thousands of videos).
 */
export interface OwedColumns {
  owed: Float64Array;
  /** `hashString` of the item id, for the per-user draws (once per rebuild, not per request). */
  hash: Int32Array;
  createdAtMs: Float64Array;
  /** Per index, the index after the last one sharing its owed share (the end of its run of ties). */
  runEnd: Int32Array;
}

export interface CatalogView {
  newest(): readonly CatalogItem[];
}
export interface CounterView {
  get(itemId: string): ItemCounters | undefined;
}

/** Completion and like rates smoothed towards the catalog's. */
interface Rates {
  completion: number;
  like: number;
}

/**
 * Walks a video up the levels: at each cap its impressions reached it moves on only by beating that
 * level's bar on both rates. Pure, so the path of a video can be tested step by step.
 */
export function judge(
  impressions: number,
  rates: Rates,
  caps: readonly number[],
  bars: readonly LevelBar[],
): PoolStanding {
  let level = 0;
  while (level < caps.length && impressions >= caps[level]!) {
    const bar = bars[level]!;
    if (!(rates.completion > bar.completion && rates.like > bar.like)) {
      return { level, capped: true, remaining: 0 };
    }
    level += 1;
  }
  const remaining = level < caps.length ? caps[level]! - impressions : 0;
  return { level, capped: false, remaining };
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

function columnsOf(videos: readonly PooledVideo[]): OwedColumns {
  const owed = Float64Array.from(videos, (v) => v.owed);
  const runEnd = new Int32Array(videos.length);
  for (let i = videos.length - 1; i >= 0; i--)
    runEnd[i] = i + 1 < videos.length && owed[i + 1] === owed[i] ? runEnd[i + 1]! : i + 1;
  return {
    owed,
    hash: Int32Array.from(videos, (v) => hashString(v.entry.item.id)),
    createdAtMs: Float64Array.from(videos, (v) => v.entry.createdAtMs),
    runEnd,
  };
}

export class TrafficPools {
  private standings = new Map<string, PoolStanding>();
  private owedList: PooledVideo[] = [];
  private owedColumns: OwedColumns = columnsOf([]);
  private levelBars: LevelBar[] = [];
  builtAt = -Infinity;
  private builtFor: readonly CatalogItem[] | null = null;

  constructor(
    private readonly catalog: CatalogView,
    private readonly counters: CounterView,
    readonly options: TrafficPoolOptions,
  ) {}

  /** When the period has passed or the catalog has changed since the last build. */
  stale(now: number): boolean {
    return now - this.builtAt >= this.options.rebuildEveryMs || this.catalog.newest() !== this.builtFor;
  }

  /** Recomputes every level's bar and every new video's standing from the lifetime counters. */
  rebuild(now: number): void {
    const { caps, maxAgeMs, priorPlays, minCohort } = this.options;
    const catalog = this.catalog.newest();
    let plays = 0;
    let completions = 0;
    let likes = 0;
    for (const entry of catalog) {
      const c = this.counters.get(entry.item.id);
      if (!c) continue;
      plays += c.plays;
      completions += c.completions;
      likes += c.likes;
    }
    const prior: Rates = {
      completion: plays > 0 ? completions / plays : 0,
      like: plays > 0 ? likes / plays : 0,
    };
    const ratesOf = (c: ItemCounters): Rates => ({
      completion: smoothedRate(c.completions, c.plays, prior.completion, priorPlays),
      like: smoothedRate(c.likes, c.plays, prior.like, priorPlays),
    });

    // Every video that finished a level, whatever its age, sets that level's bar.
    const cohorts = caps.map(() => ({ completion: [] as number[], like: [] as number[] }));
    for (const entry of catalog) {
      const c = this.counters.get(entry.item.id);
      if (!c || c.impressions < (caps[0] ?? Infinity)) continue;
      const r = ratesOf(c);
      for (let k = 0; k < caps.length && c.impressions >= caps[k]!; k++) {
        cohorts[k]!.completion.push(r.completion);
        cohorts[k]!.like.push(r.like);
      }
    }
    const bars: LevelBar[] = cohorts.map(({ completion, like }) =>
      completion.length >= Math.max(1, minCohort)
        ? { completion: median(completion), like: median(like), cohort: completion.length }
        : { ...prior, cohort: completion.length },
    );

    const standings = new Map<string, PoolStanding>();
    const owed: PooledVideo[] = [];
    for (const entry of catalog) {
      if (entry.createdAtMs > now) continue; // scheduled for later
      if (now - entry.createdAtMs > maxAgeMs) break; // newest first: the rest are older
      const c = this.counters.get(entry.item.id);
      const standing = c
        ? judge(c.impressions, ratesOf(c), caps, bars)
        : { level: 0, capped: false, remaining: caps[0] ?? 0 };
      standings.set(entry.item.id, standing);
      if (standing.remaining > 0) {
        const size = caps[standing.level]! - (standing.level > 0 ? caps[standing.level - 1]! : 0);
        const share = Math.min(1, standing.remaining / size);
        owed.push({ entry, standing, owed: share });
      }
    }
    owed.sort((a, b) => b.owed - a.owed);
    this.standings = standings;
    this.owedList = owed;
    this.owedColumns = columnsOf(owed);
    this.levelBars = bars;
    this.builtAt = now;
    this.builtFor = catalog;
  }

  /** A new video's standing as of the last rebuild; undefined for a video outside the pools. */
  standing(itemId: string): PoolStanding | undefined {
    return this.standings.get(itemId);
  }

  /** Whether the feed still owes the video guaranteed impressions. */
  owes(itemId: string): boolean {
    return (this.standings.get(itemId)?.remaining ?? 0) > 0;
  }

  /** The videos still owed impressions, the least served of their level first. */
  owed(): readonly PooledVideo[] {
    return this.owedList;
  }

  /** owed() as columns, index for index. */
  columns(): OwedColumns {
    return this.owedColumns;
  }

  bars(): readonly LevelBar[] {
    return this.levelBars;
  }
}
