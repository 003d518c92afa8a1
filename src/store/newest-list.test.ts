import { describe, expect, it } from 'vitest';
import { Rng, type CatalogItem } from '../core/index.js';
import { mergeNewest, newestFirst } from './newest-list.js';

const entry = (ordinal: number, createdAtMs: number): CatalogItem => ({
  item: { id: `v${ordinal}`, creatorId: 'c', caption: '', hashtags: [], durationMs: 1000, createdAt: '' },
  createdAtMs,
  seq: 0,
  ordinal,
});

describe('mergeNewest', () => {
  it('equals sorting from scratch, change after change, with many equal times', () => {
    const rng = new Rng(3);
    // Few distinct times, so ties (broken by ordinal) are everywhere.
    let current = new Map<number, CatalogItem>();
    for (let o = 0; o < 300; o++) current.set(o, entry(o, rng.int(20)));
    let list = [...current.values()].sort(newestFirst);
    for (let round = 0; round < 200; round++) {
      const before = list;
      const removed: CatalogItem[] = [];
      const added: CatalogItem[] = [];
      const start = current;
      current = new Map(current);
      for (let k = rng.int(6); k > 0; k--) {
        const o = rng.int(400); // an update of a listed video, or a new one
        const old = start.get(o);
        if (old && !removed.includes(old)) removed.push(old);
        const replaced = added.findIndex((e) => e.ordinal === o);
        if (replaced >= 0) added.splice(replaced, 1);
        if (rng.next() < 0.8) {
          const next = entry(o, rng.int(20));
          current.set(o, next);
          added.push(next);
        } else current.delete(o); // taken down: leaves the list
      }
      list = mergeNewest(before, removed, added);
      expect(list).toEqual([...current.values()].sort(newestFirst));
      expect(list).not.toBe(before);
    }
  });

  it('refuses to remove an entry the list does not hold', () => {
    expect(() => mergeNewest([entry(1, 5)], [entry(2, 5)], [])).toThrow(/v2 is not in the list/);
  });
});
