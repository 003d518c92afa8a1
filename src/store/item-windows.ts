// Item counters over the last hour, day and week, on event time: what is rising now (velocity) and
// how well a video is watched lately (smoothed quality per window), beside the lifetime counters.
//
// Buckets: an event is counted in the 5-minute bucket its timestamp falls in; once a bucket is over
// an hour old (`expire`, called every minute or so) it is rolled up into its hourly bucket, and
// hourly buckets over 7 days old are deleted. So an item holds at most 13 five-minute and 169 hourly
// buckets, in the `item_buckets` table and in memory (7 numbers each), and a batch writes one row
// per item and bucket touched. Hourly buckets for 24 h and 7 d lose little (a window's old edge
// moves by hours); 5-minute buckets make the hour window move smoothly. Rolling up one 5-minute
// bucket at a time keeps each expiry's transaction short.
// A window sums the buckets that start inside it: see window-buckets.ts for the approximation.
// Velocity and quality formulas are there too, as functions of a window's counters.
//
// SQL writes are additive upserts, so processes sharing the file may each count their partitions;
// the memory mirror holds what was loaded at start plus this process's own batches.
import { COUNTER_COLUMNS, addCountersInto, counterArrayFromRow, type CounterRow } from './counters.js';
import type { Db } from './db.js';
import type { EngagementDelta } from './item-stats.js';
import {
  BucketSeries,
  FINE_BUCKET_MS,
  HOUR_BUCKET_MS,
  N,
  WINDOW_MS,
  WINDOW_OFFSET,
  WINDOW_SUMS,
  ZERO_WINDOWS,
  emptyQuality,
  engagement,
  priorFrom,
  windowQualityInto,
  windowsFromSums,
  type ItemWindows,
  type QualityPrior,
  type WindowName,
  type WindowQuality,
} from './window-buckets.js';

const HOUR = 60 * 60_000;

export interface ItemWindowsOptions {
  /** Engagement per hour added to both sides of the velocity ratio (default 5). */
  velocityPrior?: number;
  /** The default quality prior's weight in plays; its rates are the catalog's in the window (default 20). */
  qualityPriorPlays?: number;
}

/** What feature hydration reads of an item's windows: its velocity and smoothed quality per window. */
export interface ItemWindowFeatures {
  readonly velocity: number;
  readonly quality: Readonly<Record<WindowName, Readonly<WindowQuality>>>;
}

/** The same, written in place. */
interface FeatureCells {
  velocity: number;
  quality: Record<WindowName, WindowQuality>;
}

const emptyFeatures = (): FeatureCells => ({
  velocity: NaN,
  quality: { h1: emptyQuality(), h24: emptyQuality(), d7: emptyQuality() },
});

type CatalogPriors = Record<WindowName, QualityPrior> & { version: number };

/**
 * One item's buckets and what is read of them. The reads are memoised in place: the window sums in
 * one array, the features in one object per item, rewritten when the item's buckets or the catalog's
 * rates change. Every stream step changes the catalog's rates, so a memo that was a new object per
 * change made each feed after a step allocate a few hundred bytes per candidate, kept alive by the
 * item (old generation) until the next change: promoted by the young generation's collections and
 * garbage for the old one's.
 */
interface Entry {
  fine: BucketSeries;
  hourly: BucketSeries;
  /** The windows' counters (WINDOW_SUMS numbers), as of `sumsKey` and `sumsGeneration`; null until read. */
  sums: Float64Array | null;
  /** False once a batch adds to a bucket: the sums are read again. */
  sumsFresh: boolean;
  sumsKey: number;
  sumsGeneration: number;
  /** Unique to each computation of `sums` (store-wide), so what is derived from them can tell. */
  sumsVersion: number;
  /** `features`, as of the sums' version and the catalog priors in `featuresPriors`. */
  features: FeatureCells | null;
  featuresVersion: number;
  featuresPriors: CatalogPriors | null;
}

interface BucketRow extends CounterRow {
  span: number;
  start: number;
  item_id: string;
}

const newEntry = (): Entry => ({
  fine: new BucketSeries(),
  hourly: new BucketSeries(),
  sums: null,
  sumsFresh: false,
  sumsKey: 0,
  sumsGeneration: 0,
  sumsVersion: -1,
  features: null,
  featuresVersion: -1,
  featuresPriors: null,
});

/** The sums of an item with no buckets. */
const ZERO_SUMS = new Float64Array(WINDOW_SUMS);

/** One bucket span's staged increments: start → item → counters. */
type Staged = Map<number, Map<string, CounterArray>>;
/** Counters in COUNTER_NAMES order. */
type CounterArray = [number, number, number, number, number, number, number];

export class ItemWindowsStore {
  private readonly items = new Map<string, Entry>();
  /** Every item's buckets summed: the catalog's rates, for priors. */
  private readonly all = newEntry();
  /** Events before this go to hourly buckets; 5-minute buckets before it have been rolled up. */
  private rolledBefore = -Infinity;
  /** Hourly buckets starting at or before this have been deleted. */
  private expiredThrough = -Infinity;
  /** Bumped when buckets move or go, so every memo is recomputed. */
  private generation = 0;
  /** Counts computations of window sums: each gets its own `sumsVersion`. */
  private sumsComputed = 0;
  private priors: CatalogPriors | null = null;
  /** The features of an item with no buckets (the catalog's rates), as of `unknownPriors`. */
  private readonly unknown = emptyFeatures();
  private unknownPriors: CatalogPriors | null = null;
  private readonly velocityPrior: number;
  private readonly qualityPriorPlays: number;
  private readonly upsert;
  private readonly rollUp;
  private readonly deleteBefore;
  private readonly deleteThrough;

  constructor(db: Db, options: ItemWindowsOptions = {}) {
    this.velocityPrior = options.velocityPrior ?? 5;
    this.qualityPriorPlays = options.qualityPriorPlays ?? 20;
    for (const r of db.prepare<[], BucketRow>('SELECT * FROM item_buckets').iterate()) {
      this.publishBucket(r.span, r.start, r.item_id, counterArrayFromRow(r));
    }
    const columns = COUNTER_COLUMNS;
    const add = columns
      .split(', ')
      .map((c) => `${c} = ${c} + excluded.${c}`)
      .join(', ');
    this.upsert = db.prepare<[number, number, string, ...number[]]>(
      `INSERT INTO item_buckets (span, start, item_id, ${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (span, start, item_id) DO UPDATE SET ${add}`,
    );
    const sums = columns
      .split(', ')
      .map((c) => `SUM(${c})`)
      .join(', ');
    this.rollUp = db.prepare<[number, number]>(
      `INSERT INTO item_buckets (span, start, item_id, ${columns})
       SELECT ${HOUR_BUCKET_MS}, start - start % ${HOUR_BUCKET_MS} AS hour, item_id, ${sums}
       FROM item_buckets WHERE span = ? AND start < ? GROUP BY hour, item_id
       ON CONFLICT (span, start, item_id) DO UPDATE SET ${add}`,
    );
    this.deleteBefore = db.prepare<[number, number]>('DELETE FROM item_buckets WHERE span = ? AND start < ?');
    this.deleteThrough = db.prepare<[number, number]>(
      'DELETE FROM item_buckets WHERE span = ? AND start <= ?',
    );
  }

  /**
   * Counts a batch of deltas (those with counters) into their buckets: writes them through the
   * caller's transaction, one additive upsert per item and bucket, and returns the function that
   * publishes them to memory once that transaction has committed.
   */
  stage(deltas: readonly EngagementDelta[]): () => void {
    const fine: Staged = new Map();
    const hourly: Staged = new Map();
    for (const d of deltas) {
      const c = d.counts;
      if (!c) continue;
      let staged = fine;
      let start = Math.floor(d.ts / FINE_BUCKET_MS) * FINE_BUCKET_MS;
      if (d.ts < this.rolledBefore) {
        // A late event: its 5-minute bucket has been rolled up already.
        staged = hourly;
        start = Math.floor(d.ts / HOUR_BUCKET_MS) * HOUR_BUCKET_MS;
        if (start <= this.expiredThrough) continue; // older than every window
      }
      let byItem = staged.get(start);
      if (!byItem) staged.set(start, (byItem = new Map()));
      let values = byItem.get(d.itemId);
      if (!values) byItem.set(d.itemId, (values = [0, 0, 0, 0, 0, 0, 0]));
      addCountersInto(values, c);
    }
    const spans: [number, Staged][] = [
      [FINE_BUCKET_MS, fine],
      [HOUR_BUCKET_MS, hourly],
    ];
    for (const [span, staged] of spans)
      for (const [start, byItem] of staged)
        for (const [itemId, v] of byItem)
          this.upsert.run(span, start, itemId, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    return () => {
      for (const [span, staged] of spans)
        for (const [start, byItem] of staged)
          for (const [itemId, v] of byItem) this.publishBucket(span, start, itemId, v);
    };
  }

  private publishBucket(span: number, start: number, itemId: string, values: ArrayLike<number>): void {
    let e = this.items.get(itemId);
    if (!e) this.items.set(itemId, (e = newEntry()));
    for (const entry of [e, this.all]) {
      (span === FINE_BUCKET_MS ? entry.fine : entry.hourly).add(start, values);
      entry.sumsFresh = false;
    }
  }

  /**
   * Rolls 5-minute buckets that started over an hour before `now` into hourly ones, and deletes
   * hourly buckets that started 7 days or more before it: through the caller's transaction,
   * returning the function that does the same in memory after its commit; nothing when no bucket
   * has aged out since the last call.
   */
  expire(now: number): (() => void) | void {
    const rollBefore = Math.floor((now - HOUR) / FINE_BUCKET_MS) * FINE_BUCKET_MS;
    const expireThrough = Math.floor((now - WINDOW_MS.d7) / HOUR_BUCKET_MS) * HOUR_BUCKET_MS;
    const roll = rollBefore > this.rolledBefore;
    const drop = expireThrough > this.expiredThrough;
    if (!roll && !drop) return;
    if (roll) {
      // Every old 5-minute row, also any another process left: a short range of the key.
      this.rollUp.run(FINE_BUCKET_MS, rollBefore);
      this.deleteBefore.run(FINE_BUCKET_MS, rollBefore);
    }
    if (drop) this.deleteThrough.run(HOUR_BUCKET_MS, expireThrough);
    return () => {
      this.rolledBefore = Math.max(this.rolledBefore, rollBefore);
      this.expiredThrough = Math.max(this.expiredThrough, expireThrough);
      for (const [id, e] of this.items) {
        this.expireEntry(e);
        if (e.fine.starts.length === 0 && e.hourly.starts.length === 0) this.items.delete(id);
      }
      this.expireEntry(this.all);
      this.generation += 1;
    };
  }

  private expireEntry(e: Entry): void {
    const rolled = e.fine.countBefore(this.rolledBefore);
    for (let i = 0; i < rolled; i++) {
      const hour = Math.floor(e.fine.starts[i]! / HOUR_BUCKET_MS) * HOUR_BUCKET_MS;
      e.hourly.add(hour, e.fine.counts, i * N);
    }
    e.fine.shift(rolled);
    e.hourly.shift(e.hourly.countBefore(this.expiredThrough + 1));
  }

  /** The item's counters in the last hour, day and week as of `now` (do not change: may be shared). */
  windows(itemId: string, now: number): ItemWindows {
    const e = this.items.get(itemId);
    return e ? this.windowsOf(e, now) : ZERO_WINDOWS;
  }

  /** Every item's counters summed, per window. */
  totals(now: number): ItemWindows {
    return this.windowsOf(this.all, now);
  }

  /** As objects, built afresh: only the item inspector and tests ask for them. */
  private windowsOf(e: Entry, now: number): ItemWindows {
    return windowsFromSums(this.sumsOf(e, now));
  }

  /** The entry's window sums at `now`, recomputed into its own array when stale. */
  private sumsOf(e: Entry, now: number): Float64Array {
    const key = Math.floor(now / FINE_BUCKET_MS);
    if (e.sums && e.sumsFresh && e.sumsKey === key && e.sumsGeneration === this.generation) return e.sums;
    const sums = (e.sums ??= new Float64Array(WINDOW_SUMS));
    sums.fill(0);
    e.fine.sumInto(sums, now);
    e.hourly.sumInto(sums, now);
    e.sumsFresh = true;
    e.sumsKey = key;
    e.sumsGeneration = this.generation;
    e.sumsVersion = this.sumsComputed++;
    return sums;
  }

  private sumsAt(itemId: string, now: number): Float64Array {
    const e = this.items.get(itemId);
    return e ? this.sumsOf(e, now) : ZERO_SUMS;
  }

  /**
   * How fast the item is rising now: its engagement in the last hour against its mean hourly
   * engagement over the last day, both plus `velocityPrior` so a handful of plays moves it little.
   * 1 is steady, above 1 rising, below falling; under 24 (everything in the last hour).
   */
  velocity(itemId: string, now: number): number {
    return this.velocityOf(this.sumsAt(itemId, now));
  }

  private velocityOf(sums: Float64Array): number {
    const k = this.velocityPrior;
    return (engagement(sums, WINDOW_OFFSET.h1) + k) / (engagement(sums, WINDOW_OFFSET.h24) / 24 + k);
  }

  /**
   * Smoothed per-play rates in each window: towards `prior` when given, else towards the catalog's
   * rates in that window, worth `qualityPriorPlays` plays.
   */
  quality(itemId: string, now: number, prior?: QualityPrior): Record<WindowName, WindowQuality> {
    const p = prior ? { h1: prior, h24: prior, d7: prior } : this.catalogPriors(now);
    const quality = { h1: emptyQuality(), h24: emptyQuality(), d7: emptyQuality() };
    qualityInto(quality, this.sumsAt(itemId, now), p);
    return quality;
  }

  /**
   * `velocity` and `quality` (towards the catalog's rates) together, kept until the item's windows
   * or the catalog's rates change: every request hydrates hundreds of candidates, mostly the same
   * popular videos, and their windows move once per 5-minute bucket or batch. The object returned is
   * the item's own, rewritten in place by a later call after a change: read it at once.
   */
  features(itemId: string, now: number): ItemWindowFeatures {
    const priors = this.catalogPriors(now);
    const e = this.items.get(itemId);
    if (!e) {
      if (this.unknownPriors !== priors) {
        this.fillFeatures(this.unknown, ZERO_SUMS, priors);
        this.unknownPriors = priors;
      }
      return this.unknown;
    }
    const sums = this.sumsOf(e, now);
    const f = (e.features ??= emptyFeatures());
    if (e.featuresVersion !== e.sumsVersion || e.featuresPriors !== priors) {
      this.fillFeatures(f, sums, priors);
      e.featuresVersion = e.sumsVersion;
      e.featuresPriors = priors;
    }
    return f;
  }

  private fillFeatures(f: FeatureCells, sums: Float64Array, priors: CatalogPriors): void {
    f.velocity = this.velocityOf(sums);
    qualityInto(f.quality, sums, priors);
  }

  /** The catalog's rates per window, worth `qualityPriorPlays` plays; kept as long as the totals are. */
  private catalogPriors(now: number): CatalogPriors {
    const totals = this.sumsOf(this.all, now);
    if (this.priors?.version !== this.all.sumsVersion) {
      const m = this.qualityPriorPlays;
      this.priors = {
        version: this.all.sumsVersion,
        h1: priorFrom(totals, WINDOW_OFFSET.h1, m),
        h24: priorFrom(totals, WINDOW_OFFSET.h24, m),
        d7: priorFrom(totals, WINDOW_OFFSET.d7, m),
      };
    }
    return this.priors;
  }

  /** Items holding any bucket (bounded by expiry). */
  get size(): number {
    return this.items.size;
  }
}

/** Each window's smoothed rates from `sums`, into `out`. */
function qualityInto(
  out: Record<WindowName, WindowQuality>,
  sums: Float64Array,
  p: Readonly<Record<WindowName, QualityPrior>>,
): void {
  windowQualityInto(out.h1, sums, WINDOW_OFFSET.h1, p.h1);
  windowQualityInto(out.h24, sums, WINDOW_OFFSET.h24, p.h24);
  windowQualityInto(out.d7, sums, WINDOW_OFFSET.d7, p.d7);
}
