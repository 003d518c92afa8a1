// The one in-memory shape every loader produces and every split, model and metric consumes:
// users and items as dense integer indices (0..n-1) with maps back to the raw ids, and the
// interactions as parallel typed-array columns.

export type DatasetFormat = 'ml-100k' | 'ml-1m' | 'delimited' | 'kuairand' | 'jsonl';

export interface ItemMeta {
  /** Title (or caption) per item index; '' when unknown. */
  title: string[];
  /** Genre names per item index. */
  genres: string[][];
  /** Release date per item index as unix milliseconds, or null. */
  releasedAt: (number | null)[];
}

export interface Interactions {
  readonly format: DatasetFormat;
  /** Where the data came from, for messages. */
  readonly source: string;
  readonly nUsers: number;
  readonly nItems: number;
  /** Raw id of user index u is userIds[u]. */
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly userIndex: ReadonlyMap<string, number>;
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly length: number;
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Explicit rating, or the rating-like weight (watch ratio for short-video logs, 1 when none). */
  readonly rating: Float32Array;
  /** Unix milliseconds (Float64: Float32 cannot hold a millisecond clock), or null when the data has none. */
  readonly timestamp: Float64Array | null;
  /** Raw 0/1 (or numeric) labels by column name, e.g. is_click, is_like for KuaiRand. */
  readonly labels: Readonly<Record<string, Float32Array>>;
  readonly itemMeta?: ItemMeta;
}

/** Assigns dense indices to raw ids in order of first appearance. */
export class IdIndexer {
  readonly ids: string[] = [];
  readonly index = new Map<string, number>();

  indexOf(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}

/** Growable columns, so loaders need not know the row count in advance. */
export class InteractionColumns {
  length = 0;
  user = new Int32Array(1024);
  item = new Int32Array(1024);
  rating = new Float32Array(1024);
  timestamp = new Float64Array(1024);
  labels: Record<string, Float32Array> = {};

  push(user: number, item: number, rating: number, timestamp: number, labels?: Record<string, number>): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = user;
    this.item[i] = item;
    this.rating[i] = rating;
    this.timestamp[i] = timestamp;
    if (labels) {
      for (const [name, value] of Object.entries(labels)) {
        let column = this.labels[name];
        if (!column) {
          column = new Float32Array(this.user.length);
          this.labels[name] = column;
        }
        column[i] = value;
      }
    }
  }

  private grow(): void {
    const size = this.user.length * 2;
    const grow = <T extends Int32Array | Float32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.user = grow(this.user, (n) => new Int32Array(n));
    this.item = grow(this.item, (n) => new Int32Array(n));
    this.rating = grow(this.rating, (n) => new Float32Array(n));
    this.timestamp = grow(this.timestamp, (n) => new Float64Array(n));
    for (const name of Object.keys(this.labels)) {
      this.labels[name] = grow(this.labels[name] as Float32Array, (n) => new Float32Array(n));
    }
  }
}

export interface BuildOptions {
  format: DatasetFormat;
  source: string;
  users: IdIndexer;
  items: IdIndexer;
  columns: InteractionColumns;
  hasTimestamp: boolean;
  itemMeta?: ItemMeta;
}

export function buildInteractions(o: BuildOptions): Interactions {
  const n = o.columns.length;
  const labels: Record<string, Float32Array> = {};
  for (const [name, column] of Object.entries(o.columns.labels)) labels[name] = column.slice(0, n);
  return {
    format: o.format,
    source: o.source,
    nUsers: o.users.ids.length,
    nItems: o.items.ids.length,
    userIds: o.users.ids,
    itemIds: o.items.ids,
    userIndex: o.users.index,
    itemIndex: o.items.index,
    length: n,
    user: o.columns.user.slice(0, n),
    item: o.columns.item.slice(0, n),
    rating: o.columns.rating.slice(0, n),
    timestamp: o.hasTimestamp ? o.columns.timestamp.slice(0, n) : null,
    labels,
    ...(o.itemMeta ? { itemMeta: o.itemMeta } : {}),
  };
}

/**
 * The rows at `rows`, in that order, keeping the full user and item index space so that every
 * split of one dataset shares indices (a model fitted on train scores items by the same index).
 */
export function selectRows(data: Interactions, rows: ArrayLike<number>): Interactions {
  const n = rows.length;
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const rating = new Float32Array(n);
  const timestamp = data.timestamp ? new Float64Array(n) : null;
  const labelNames = Object.keys(data.labels);
  const labels: Record<string, Float32Array> = {};
  for (const name of labelNames) labels[name] = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as number;
    user[i] = data.user[r] as number;
    item[i] = data.item[r] as number;
    rating[i] = data.rating[r] as number;
    if (timestamp && data.timestamp) timestamp[i] = data.timestamp[r] as number;
    for (const name of labelNames)
      (labels[name] as Float32Array)[i] = (data.labels[name] as Float32Array)[r] as number;
  }
  return { ...data, length: n, user, item, rating, timestamp, labels };
}

/** Row indices where `keep(row)` holds. */
export function rowsWhere(data: Interactions, keep: (row: number) => boolean): Int32Array {
  const out = new Int32Array(data.length);
  let n = 0;
  for (let r = 0; r < data.length; r++) if (keep(r)) out[n++] = r;
  return out.slice(0, n);
}

/** Rows grouped by user (or item): offsets of length n+1 into a row-index array, rows in data order. */
export function groupRows(
  data: Interactions,
  by: 'user' | 'item',
): { offsets: Int32Array; rows: Int32Array } {
  const key = by === 'user' ? data.user : data.item;
  const n = by === 'user' ? data.nUsers : data.nItems;
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < data.length; r++) offsets[key[r]! + 1]!++;
  for (let g = 0; g < n; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice(0, n);
  const rows = new Int32Array(data.length);
  for (let r = 0; r < data.length; r++) {
    const g = key[r] as number;
    rows[fill[g]!++] = r;
  }
  return { offsets, rows };
}
