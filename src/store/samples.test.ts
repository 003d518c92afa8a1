import { describe, expect, it } from 'vitest';
import { SampleStore, type NewSample } from './samples.js';
import { useTempDb } from './test-db.js';

const t = useTempDb();

const sample = (requestId: string, itemId: string, extra: Partial<NewSample> = {}): NewSample => ({
  requestId,
  userId: 'u',
  itemId,
  servedAt: 1000,
  closedAt: 2000,
  position: 3,
  source: 'quality',
  score: 0.25,
  features: { trending: 1.5, age_hours: 2 },
  watchRatio: 1.2,
  finished: true,
  liked: false,
  shared: true,
  followed: false,
  quickSkip: false,
  ...extra,
});

describe('sample store', () => {
  it('reads samples back by offset, oldest first, typed as written', () => {
    const store = new SampleStore(t.db);
    expect(store.lastOffset()).toBe(0);
    expect(store.write(sample('r1', 'a'))).toBe(true);
    expect(store.write(sample('r1', 'b', { liked: true, quickSkip: true }))).toBe(true);
    expect(store.write(sample('r2', 'a'))).toBe(true);
    expect(store.read(0, 10).map((s) => [s.offset, s.requestId, s.itemId])).toEqual([
      [1, 'r1', 'a'],
      [2, 'r1', 'b'],
      [3, 'r2', 'a'],
    ]);
    expect(store.read(1, 1)).toEqual([{ offset: 2, ...sample('r1', 'b', { liked: true, quickSkip: true }) }]);
    expect(store.read(3, 10)).toEqual([]);
    expect(store.lastOffset()).toBe(3);
    expect(store.count()).toBe(3);
    expect(store.has('r1', 'b')).toBe(true);
    expect(store.has('r2', 'b')).toBe(false);
  });

  it('keeps the first sample of a request and item, and never reuses an offset', () => {
    const store = new SampleStore(t.db);
    store.write(sample('r1', 'a'));
    expect(store.write(sample('r1', 'a', { liked: true }))).toBe(false);
    expect(store.read(0, 10)).toMatchObject([{ liked: false }]);
    store.write(sample('r1', 'b'));
    const newest = store.lastOffset();
    t.db.prepare('DELETE FROM samples WHERE "offset" = ?').run(newest);
    store.write(sample('r1', 'c'));
    // A reader that had seen `newest` still gets the new sample.
    expect(store.read(newest, 10)).toMatchObject([{ itemId: 'c' }]);
  });
});
