// The catalog: videos and creators in SQLite, mirrored in memory for the serving path. Every
// upsert takes the next number of a change sequence, so any process sharing the database can
// catch up with `refresh()` by reading what came after the last number it saw.
import type { CatalogItem, Creator, Item } from '../core/index.js';
import type { Db } from './db.js';
import { mergeNewest, newestFirst } from './newest-list.js';

/** One item's change since the newest-first lists were last brought up to date. */
interface PendingChange {
  /** Its entry when the lists were last settled (undefined: new since). */
  previous: CatalogItem | undefined;
  entry: CatalogItem;
}

/** More changes than this share of the catalog at once (a bulk load): sort from scratch instead. */
const MERGE_MAX_SHARE = 1 / 8;

export interface UpsertResult {
  created: number;
  updated: number;
}

interface ItemRow {
  seq: number;
  doc: string;
}

/** The stored form: defaults filled in, hashtags lowercased and deduplicated. */
function normalizeItem(raw: Item): Item {
  return {
    ...raw,
    caption: raw.caption ?? '',
    hashtags: [...new Set((raw.hashtags ?? []).map((h) => h.toLowerCase()))],
    status: raw.status ?? 'active',
  };
}

export class CatalogStore {
  private readonly byId = new Map<string, CatalogItem>();
  /** The current entry of each ordinal (CatalogItem.ordinal); a hole for an id not catalogued yet. */
  private readonly byOrdinal: (CatalogItem | undefined)[] = [];
  /** Ordinals given to ids not in the catalog (yet): the stores number them alike (`ordinalOf`). */
  private readonly reserved = new Map<string, number>();
  private nextOrdinal = 0;
  private lastSeq = 0;
  private newestCache: CatalogItem[] | null = null;
  private byCreatorCache: Map<string, CatalogItem[]> | null = null;
  /** Changes not yet merged into the caches above, by item id. */
  private readonly pending = new Map<string, PendingChange>();
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      since: db.prepare<[number], ItemRow>('SELECT seq, doc FROM items WHERE seq > ? ORDER BY seq'),
      maxSeq: db.prepare<[], { m: number }>('SELECT COALESCE(MAX(seq), 0) AS m FROM items'),
      exists: db.prepare<[string], { id: string }>('SELECT id FROM items WHERE id = ?'),
      upsertItem: db.prepare(
        `INSERT INTO items (id, creator_id, created_at, status, seq, doc, updated_at)
         VALUES (@id, @creatorId, @createdAt, @status, @seq, @doc, @now)
         ON CONFLICT (id) DO UPDATE SET creator_id = excluded.creator_id, created_at = excluded.created_at,
           status = excluded.status, seq = excluded.seq, doc = excluded.doc, updated_at = excluded.updated_at`,
      ),
      ensureCreator: db.prepare(
        'INSERT INTO creators (id, doc, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      upsertCreator: db.prepare(
        `INSERT INTO creators (id, doc, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
      ),
      creatorExists: db.prepare<[string], { id: string }>('SELECT id FROM creators WHERE id = ?'),
      getCreator: db.prepare<[string], { doc: string }>('SELECT doc FROM creators WHERE id = ?'),
    };
    this.refresh();
  }

  /** Loads changes written since the last look, by this process or another. Returns how many. */
  refresh(): number {
    const rows = this.stmts.since.all(this.lastSeq);
    for (const row of rows) this.remember(JSON.parse(row.doc) as Item, row.seq);
    return rows.length;
  }

  private remember(item: Item, seq: number): void {
    const ordinal = this.ordinalOf(item.id);
    this.reserved.delete(item.id);
    const entry = { item, createdAtMs: Date.parse(item.createdAt), seq, ordinal };
    const previous = this.byId.get(item.id);
    this.byId.set(item.id, entry);
    this.byOrdinal[ordinal] = entry;
    this.lastSeq = Math.max(this.lastSeq, seq);
    if (this.newestCache || this.byCreatorCache) {
      const change = this.pending.get(item.id);
      if (change) change.entry = entry;
      else this.pending.set(item.id, { previous, entry });
    }
  }

  /** Merges the pending changes into the newest-first lists (see newest-list.ts). */
  private settle(): void {
    if (this.pending.size === 0) return;
    const changes = [...this.pending.values()];
    this.pending.clear();
    const listed = (e: CatalogItem | undefined): e is CatalogItem =>
      e !== undefined && e.item.status === 'active';
    const bulk = changes.length > MERGE_MAX_SHARE * this.byId.size;
    if (this.newestCache) {
      this.newestCache = bulk
        ? null
        : mergeNewest(
            this.newestCache,
            changes.map((c) => c.previous).filter(listed),
            changes.map((c) => c.entry).filter(listed),
          );
    }
    if (this.byCreatorCache && bulk) this.byCreatorCache = null;
    if (this.byCreatorCache) {
      const byCreator = this.byCreatorCache;
      const touched = new Map<string, { removed: CatalogItem[]; added: CatalogItem[] }>();
      const of = (creatorId: string) => {
        let t = touched.get(creatorId);
        if (!t) touched.set(creatorId, (t = { removed: [], added: [] }));
        return t;
      };
      for (const { previous, entry } of changes) {
        if (listed(previous)) of(previous.item.creatorId).removed.push(previous);
        if (listed(entry)) of(entry.item.creatorId).added.push(entry);
      }
      for (const [creatorId, { removed, added }] of touched) {
        const list = mergeNewest(byCreator.get(creatorId) ?? [], removed, added);
        if (list.length > 0) byCreator.set(creatorId, list);
        else byCreator.delete(creatorId);
      }
    }
  }

  /** Inserts or replaces items, atomically; unknown creators are created. */
  upsertItems(items: Item[], now: number): UpsertResult {
    const result: UpsertResult = { created: 0, updated: 0 };
    const written: [Item, number][] = [];
    this.db
      .transaction(() => {
        this.refresh(); // another writer's changes first, so our sequence numbers follow theirs
        let seq = this.stmts.maxSeq.get()!.m;
        for (const raw of items) {
          const item = normalizeItem(raw);
          const existed = this.stmts.exists.get(item.id) !== undefined;
          seq += 1;
          this.stmts.upsertItem.run({
            id: item.id,
            creatorId: item.creatorId,
            createdAt: Date.parse(item.createdAt),
            status: item.status,
            seq,
            doc: JSON.stringify(item),
            now,
          });
          this.stmts.ensureCreator.run(item.creatorId, JSON.stringify({ id: item.creatorId }), now);
          if (existed) result.updated += 1;
          else result.created += 1;
          written.push([item, seq]);
        }
      })
      .immediate();
    for (const [item, seq] of written) this.remember(item, seq);
    return result;
  }

  upsertCreators(creators: Creator[], now: number): UpsertResult {
    const result: UpsertResult = { created: 0, updated: 0 };
    this.db
      .transaction(() => {
        for (const c of creators) {
          if (this.stmts.creatorExists.get(c.id)) result.updated += 1;
          else result.created += 1;
          this.stmts.upsertCreator.run(c.id, JSON.stringify(c), now);
        }
      })
      .immediate();
    return result;
  }

  get(id: string): CatalogItem | undefined {
    return this.byId.get(id);
  }

  /**
   * The item's ordinal: a dense number, in this process, for every item id the catalog or a store
   * has met, catalogued or not (an event may name a video before it is uploaded here). Stores that
   * keep per-item figures in arrays index them by it, so a pass over the catalog reads contiguous
   * memory instead of looking every id up.
   */
  ordinalOf(id: string): number {
    const known = this.byId.get(id)?.ordinal ?? this.reserved.get(id);
    if (known !== undefined) return known;
    const ordinal = this.nextOrdinal++;
    this.reserved.set(id, ordinal);
    return ordinal;
  }

  /** The current entry of the item with this ordinal. */
  at(ordinal: number): CatalogItem | undefined {
    return this.byOrdinal[ordinal];
  }

  getCreator(id: string): Creator | undefined {
    const row = this.stmts.getCreator.get(id);
    return row ? (JSON.parse(row.doc) as Creator) : undefined;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The highest sequence number loaded: it moves with every change, by this process or another. */
  get seq(): number {
    return this.lastSeq;
  }

  *all(): IterableIterator<CatalogItem> {
    yield* this.byId.values();
  }

  /**
   * Active items, newest first (equal times by ordinal). A new array after each change, so callers
   * may key caches on its identity; changes are merged in, not re-sorted.
   */
  newest(): readonly CatalogItem[] {
    this.settle();
    if (!this.newestCache) {
      this.newestCache = [...this.byId.values()].filter((e) => e.item.status === 'active').sort(newestFirst);
    }
    return this.newestCache;
  }

  /** A creator's active items, newest first, kept up to date as `newest` is. */
  byCreator(creatorId: string): readonly CatalogItem[] {
    this.settle();
    if (!this.byCreatorCache) {
      const map = new Map<string, CatalogItem[]>();
      for (const e of this.newest()) {
        let list = map.get(e.item.creatorId);
        if (!list) map.set(e.item.creatorId, (list = []));
        list.push(e);
      }
      this.byCreatorCache = map;
    }
    return this.byCreatorCache.get(creatorId) ?? [];
  }
}
