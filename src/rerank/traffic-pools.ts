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
import { smoothedRate } from '../store/index.js';
import type { CounterView } from './counters.js';

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
  /** The videos' catalog entries. */
  entry: readonly CatalogItem[];
  owed: Float64Array;
  /** `hashString` of the item id, for the per-user draws (once per rebuild, not per request). */
  hash: Int32Array;
  createdAtMs: Float64Array;
  /** Per index, the index after the last one sharing its owed share (the end of its run of ties). */
  runEnd: Int32Array;
}

export interface CatalogView {
  newest(): readonly CatalogItem[];
  get(itemId: string): CatalogItem | undefined;
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

/** The front of the catalog's newest-first list that can be young enough for the pools, as columns. */
interface YoungPrefix {
  /** The newest() list it was taken from, and the time it was taken at. */
  from: readonly CatalogItem[];
  at: number;
  entry: CatalogItem[];
  ordinal: Int32Array;
  createdAtMs: Float64Array;
  hash: Int32Array;
}

/**
 * Entries from the newest until the first older than `maxAgeMs` at `now`: at any later time the
 * young ones are among them, so the prefix serves every rebuild until the catalog changes.
 */
function youngPrefix(
  newest: readonly CatalogItem[],
  now: number,
  maxAgeMs: number,
  hashOf: (entry: CatalogItem) => number,
): YoungPrefix {
  let end = 0;
  while (end < newest.length && now - newest[end]!.createdAtMs <= maxAgeMs) end += 1;
  const entry = newest.slice(0, end);
  const ordinal = new Int32Array(end);
  const createdAtMs = new Float64Array(end);
  const hash = new Int32Array(end);
  for (let p = 0; p < end; p++) {
    const e = entry[p]!;
    ordinal[p] = e.ordinal;
    createdAtMs[p] = e.createdAtMs;
    hash[p] = hashOf(e);
  }
  return { from: newest, at: now, entry, ordinal, createdAtMs, hash };
}

/** `hashString` of each item id, by ordinal, computed once: an upload would otherwise rehash the pools. */
class IdHashes {
  private hashes = new Int32Array(0);
  private known = new Uint8Array(0);

  of(entry: CatalogItem): number {
    const o = entry.ordinal;
    if (o >= this.known.length) {
      const capacity = Math.max(1024, 2 * this.known.length, o + 1);
      const hashes = new Int32Array(capacity);
      const known = new Uint8Array(capacity);
      hashes.set(this.hashes);
      known.set(this.known);
      this.hashes = hashes;
      this.known = known;
    }
    if (this.known[o] === 0) {
      this.hashes[o] = hashString(entry.item.id);
      this.known[o] = 1;
    }
    return this.hashes[o]!;
  }
}

/**
 * The owed videos as columns, the least served first and ties in newest-first order, as they came:
 * a counting sort over the distinct shares (a few hundred), cheaper than sorting tens of thousands
 * of indices with a comparator on the serving thread.
 */
function owedInOrder(
  young: YoungPrefix,
  positions: readonly number[],
  shares: readonly number[],
): OwedColumns {
  const distinct = Float64Array.from(new Set(shares)).sort().reverse();
  const bucketOf = new Map<number, number>();
  distinct.forEach((share, b) => bucketOf.set(share, b));
  const starts = new Int32Array(distinct.length + 1);
  for (const share of shares) starts[bucketOf.get(share)! + 1]! += 1;
  for (let b = 0; b < distinct.length; b++) starts[b + 1]! += starts[b]!;
  const n = positions.length;
  const entry = new Array<CatalogItem>(n);
  const owed = new Float64Array(n);
  const hash = new Int32Array(n);
  const createdAtMs = new Float64Array(n);
  const runEnd = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const b = bucketOf.get(shares[k]!)!;
    const i = starts[b]!++;
    const p = positions[k]!;
    entry[i] = young.entry[p]!;
    owed[i] = shares[k]!;
    hash[i] = young.hash[p]!;
    createdAtMs[i] = young.createdAtMs[p]!;
  }
  // starts[b] is now the end of bucket b: each run of ties ends where its bucket does.
  for (let b = 0, i = 0; b < distinct.length; b++) for (; i < starts[b]!; i++) runEnd[i] = starts[b]!;
  return { entry, owed, hash, createdAtMs, runEnd };
}

const NO_VIDEOS: OwedColumns = {
  entry: [],
  owed: new Float64Array(0),
  hash: new Int32Array(0),
  createdAtMs: new Float64Array(0),
  runEnd: new Int32Array(0),
};

export class TrafficPools {
  /**
   * Standings by catalog ordinal as of the last rebuild: level + 1 (0: outside the pools), capped,
   * impressions still guaranteed. Arrays, so a rebuild writes tens of thousands without a Map.
   */
  private levelAt = new Int16Array(0);
  private cappedAt = new Uint8Array(0);
  private remainingAt = new Float64Array(0);
  private owedColumns: OwedColumns = NO_VIDEOS;
  private owedList: PooledVideo[] | null = null;
  private levelBars: LevelBar[] = [];
  private young: YoungPrefix | null = null;
  private readonly hashes = new IdHashes();
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

  /**
   * Recomputes every level's bar and every new video's standing from the lifetime counters. The
   * catalog's rates and the bars come from one pass over the counter columns (every video with
   * counters, whatever its age or status), so a rebuild at 100,000 videos looks no id up: it runs
   * on the serving thread every few seconds, where by id it took 413 ms (bench/recall/stalls.ts).
   */
  rebuild(now: number): void {
    const { caps, maxAgeMs, priorPlays, minCohort } = this.options;
    const { length, impressions, plays, completions, likes } = this.counters.columns();
    let totalPlays = 0;
    let totalCompletions = 0;
    let totalLikes = 0;
    for (let o = 0; o < length; o++) {
      totalPlays += plays[o]!;
      totalCompletions += completions[o]!;
      totalLikes += likes[o]!;
    }
    const prior: Rates = {
      completion: totalPlays > 0 ? totalCompletions / totalPlays : 0,
      like: totalPlays > 0 ? totalLikes / totalPlays : 0,
    };
    const completionAt = (o: number) =>
      smoothedRate(completions[o]!, plays[o]!, prior.completion, priorPlays);
    const likeAt = (o: number) => smoothedRate(likes[o]!, plays[o]!, prior.like, priorPlays);

    // Every video that finished a level, whatever its age, sets that level's bar.
    const cohorts = caps.map(() => ({ completion: [] as number[], like: [] as number[] }));
    const firstCap = caps[0] ?? Infinity;
    for (let o = 0; o < length; o++) {
      if (impressions[o]! < firstCap) continue;
      const completion = completionAt(o);
      const like = likeAt(o);
      for (let k = 0; k < caps.length && impressions[o]! >= caps[k]!; k++) {
        cohorts[k]!.completion.push(completion);
        cohorts[k]!.like.push(like);
      }
    }
    const bars: LevelBar[] = cohorts.map(({ completion, like }) =>
      completion.length >= Math.max(1, minCohort)
        ? { completion: median(completion), like: median(like), cohort: completion.length }
        : { ...prior, cohort: completion.length },
    );

    const catalog = this.catalog.newest();
    let young = this.young;
    if (!young || young.from !== catalog || now < young.at)
      young = this.young = youngPrefix(catalog, now, maxAgeMs, (e) => this.hashes.of(e));
    let size = 0;
    for (const o of young.ordinal) size = Math.max(size, o + 1);
    const levelAt = new Int16Array(size);
    const cappedAt = new Uint8Array(size);
    const remainingAt = new Float64Array(size);
    const positions: number[] = [];
    const shares: number[] = [];
    for (let p = 0; p < young.entry.length; p++) {
      const createdAtMs = young.createdAtMs[p]!;
      if (createdAtMs > now) continue; // scheduled for later
      if (now - createdAtMs > maxAgeMs) break; // newest first: the rest are older
      const o = young.ordinal[p]!;
      // An ordinal past the columns has no counters yet: zeros, which judge() takes as L0 unserved.
      const standing =
        o < length
          ? judge(impressions[o]!, { completion: completionAt(o), like: likeAt(o) }, caps, bars)
          : judge(0, prior, caps, bars);
      levelAt[o] = standing.level + 1;
      cappedAt[o] = standing.capped ? 1 : 0;
      remainingAt[o] = standing.remaining;
      if (standing.remaining > 0) {
        const levelSize = caps[standing.level]! - (standing.level > 0 ? caps[standing.level - 1]! : 0);
        positions.push(p);
        shares.push(Math.min(1, standing.remaining / levelSize));
      }
    }
    this.owedColumns = owedInOrder(young, positions, shares);
    this.levelAt = levelAt;
    this.cappedAt = cappedAt;
    this.remainingAt = remainingAt;
    this.owedList = null;
    this.levelBars = bars;
    this.builtAt = now;
    this.builtFor = catalog;
  }

  /** A new video's standing as of the last rebuild, by catalog ordinal; undefined outside the pools. */
  standingAt(ordinal: number): PoolStanding | undefined {
    const level = ordinal < this.levelAt.length ? this.levelAt[ordinal]! : 0;
    if (level === 0) return undefined;
    return { level: level - 1, capped: this.cappedAt[ordinal] === 1, remaining: this.remainingAt[ordinal]! };
  }

  /** Whether the feed still owes the video with this ordinal guaranteed impressions. */
  owesAt(ordinal: number): boolean {
    return ordinal < this.remainingAt.length && this.remainingAt[ordinal]! > 0;
  }

  /** `standingAt` by item id. */
  standing(itemId: string): PoolStanding | undefined {
    const entry = this.catalog.get(itemId);
    return entry ? this.standingAt(entry.ordinal) : undefined;
  }

  /** `owesAt` by item id. */
  owes(itemId: string): boolean {
    const entry = this.catalog.get(itemId);
    return entry ? this.owesAt(entry.ordinal) : false;
  }

  /** The videos still owed impressions, the least served of their level first (made on first ask). */
  owed(): readonly PooledVideo[] {
    this.owedList ??= this.owedColumns.entry.map((entry, i) => ({
      entry,
      standing: this.standingAt(entry.ordinal)!,
      owed: this.owedColumns.owed[i]!,
    }));
    return this.owedList;
  }

  /** owed() as columns, index for index: what the per-request scan reads. */
  columns(): OwedColumns {
    return this.owedColumns;
  }

  bars(): readonly LevelBar[] {
    return this.levelBars;
  }
}
