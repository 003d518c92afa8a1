// The content embedding space: every catalog item's caption-and-hashtag vector (src/content) in
// a vector index kept in step with the catalog, and the user's vector as the weighted mean of the
// videos they engaged with, finished ones counting double. New videos are here from upload, before
// any engagement, which is how content recall finds them.
import type { CatalogItem, Engagement } from '../core/index.js';
import type { ContentEncoder } from '../content/index.js';
import type { CatalogStore } from '../store/index.js';
import type { ServingIndex } from '../vector/index.js';
import type { UserVectorSpace } from './vector-source.js';

export class ContentSpace implements UserVectorSpace {
  private readonly keys = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly vectors: Float32Array[] = [];
  private readonly active: boolean[] = [];
  private lastSeq = 0;
  private attached: ServingIndex | null = null;

  /** Encodes the whole catalog; the index over it is built apart (indexInput) and attached. */
  constructor(
    private readonly encoder: ContentEncoder,
    catalog: CatalogStore,
  ) {
    for (const entry of catalog.all()) {
      this.put(entry);
      this.lastSeq = Math.max(this.lastSeq, entry.seq);
    }
  }

  get dims(): number {
    return this.encoder.dims;
  }

  /** Keys and vectors of the active items with any content, for building the index. */
  indexInput(): { keys: Int32Array; vectors: Float32Array } {
    const keys: number[] = [];
    for (let key = 0; key < this.ids.length; key++) if (this.active[key]) keys.push(key);
    const vectors = new Float32Array(keys.length * this.dims);
    keys.forEach((key, i) => vectors.set(this.vectors[key]!, i * this.dims));
    return { keys: Int32Array.from(keys), vectors };
  }

  /** Starts serving from `index` (built over indexInput), then catches up with the catalog. */
  attach(index: ServingIndex, catalog: CatalogStore): void {
    this.attached = index;
    this.sync(catalog);
  }

  get index(): ServingIndex {
    if (!this.attached) throw new Error('content space has no index yet');
    return this.attached;
  }

  /** Adds or replaces the vectors of items changed since the last sync; drops inactive ones. */
  sync(catalog: CatalogStore): number {
    // Maintenance calls this every second; walking 100,000 entries to find none took 8-10 ms.
    if (catalog.seq <= this.lastSeq) return 0;
    let changed = 0;
    let last = this.lastSeq;
    for (const entry of catalog.all()) {
      if (entry.seq <= this.lastSeq) continue;
      this.put(entry);
      last = Math.max(last, entry.seq);
      changed += 1;
    }
    this.lastSeq = last;
    return changed;
  }

  private put(entry: CatalogItem): void {
    const id = entry.item.id;
    let key = this.keys.get(id);
    if (key === undefined) {
      key = this.ids.length;
      this.keys.set(id, key);
      this.ids.push(id);
    }
    const vector = this.encoder.encode(entry.item);
    this.vectors[key] = vector;
    const active = entry.item.status === 'active' && vector.some((x) => x !== 0);
    this.active[key] = active;
    if (!this.attached) return;
    if (active) this.attached.add(key, vector);
    else this.attached.remove(key);
  }

  itemId(key: number): string | undefined {
    return this.ids[key];
  }

  keyOf(itemId: string): number | undefined {
    return this.keys.get(itemId);
  }

  userVector(recent: readonly Engagement[]): Float32Array | null {
    const sum = new Float32Array(this.encoder.dims);
    let any = false;
    for (const e of recent) {
      const key = this.keys.get(e.itemId);
      if (key === undefined) continue;
      const v = this.vectors[key]!;
      const w = Math.max(e.weight, 0.1) * (e.completed ? 2 : 1);
      for (let d = 0; d < v.length; d++) sum[d]! += w * v[d]!;
      any = true;
    }
    if (!any) return null;
    let norm = 0;
    for (let d = 0; d < sum.length; d++) norm += sum[d]! * sum[d]!;
    if (norm === 0) return null;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < sum.length; d++) sum[d]! *= scale;
    return sum;
  }
}
