// Which items each user has already been shown, from the event log. A bounded cache: users are
// loaded from the log's user index on first use and evicted least-recently-used.
import type { Db } from './db.js';

export interface SeenStoreOptions {
  maxUsers?: number;
  maxItemsPerUser?: number;
}

export class SeenStore {
  private readonly cache = new Map<string, Set<string>>();
  private readonly maxUsers: number;
  private readonly maxItems: number;
  private readonly load;

  constructor(db: Db, options: SeenStoreOptions = {}) {
    this.maxUsers = options.maxUsers ?? 100_000;
    this.maxItems = options.maxItemsPerUser ?? 5_000;
    this.load = db.prepare<[string, number], { item_id: string }>(
      `SELECT item_id FROM events WHERE user_id = ? AND item_id IS NOT NULL
       ORDER BY "offset" DESC LIMIT ?`,
    );
  }

  get(userId: string): ReadonlySet<string> {
    let set = this.cache.get(userId);
    if (set) {
      this.cache.delete(userId); // move to the young end
    } else {
      set = new Set(this.load.all(userId, this.maxItems).map((r) => r.item_id));
      if (this.cache.size >= this.maxUsers) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
    }
    this.cache.set(userId, set);
    return set;
  }

  /** Records a new event; users not in the cache will read it from the log when they come. */
  add(userId: string, itemId: string): void {
    const set = this.cache.get(userId);
    if (!set) return;
    set.delete(itemId);
    set.add(itemId);
    if (set.size > this.maxItems) {
      const oldest = set.values().next().value;
      if (oldest !== undefined) set.delete(oldest);
    }
  }
}
