import { describe, expect, it } from 'vitest';
import type { Event } from '../core/index.js';
import { openDb } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { SqliteEventLog } from './sqlite-log.js';

const t = useTempDb();

const ev = (id: string): Event => ({
  id,
  type: 'like',
  userId: 'u',
  itemId: 'i',
  timestamp: '2026-01-01T00:00:00Z',
});

describe('SqliteEventLog', () => {
  it('gives strictly increasing offsets, skips duplicates, and reads from any offset', () => {
    const log = new SqliteEventLog(t.db);
    expect(log.append([ev('a'), ev('b'), ev('a')], 1)).toEqual({
      accepted: 2,
      duplicates: 1,
      offsets: [1, 2, null],
    });
    const [c] = log.append([ev('c')], 2).offsets; // a skipped duplicate may leave a gap, never a reuse
    expect(c).toBeGreaterThan(2);
    expect(log.lastOffset()).toBe(c);
    expect(log.read(1, 10).map((r) => r.event.id)).toEqual(['b', 'c']);
    expect(log.read(0, 1).map((r) => r.offset)).toEqual([1]);
  });

  it('keeps committed offsets per consumer group, across reopening', () => {
    const log = new SqliteEventLog(t.db);
    log.append([ev('a'), ev('b')], 1);
    expect(log.committed('g')).toBe(0);
    log.commit('g', 2);
    log.commit('h', 1);
    const again = new SqliteEventLog(openDb(t.dir));
    expect(again.committed('g')).toBe(2);
    expect(again.groups()).toEqual([
      { group: 'g', offset: 2 },
      { group: 'h', offset: 1 },
    ]);
  });

  it('appends all of a batch or nothing, and never reuses an offset', () => {
    const log = new SqliteEventLog(t.db);
    log.append([ev('a')], 1);
    const broken = { ...ev('b'), timestamp: undefined } as unknown as Event; // NOT NULL ts fails
    expect(() => log.append([ev('x'), broken], 1)).toThrow();
    expect(log.read(0, 10).map((r) => r.event.id)).toEqual(['a']);
    expect(log.append([ev('y')], 1).offsets[0]).toBeGreaterThan(1);
  });

  it('tells listeners about appends that wrote something', () => {
    const log = new SqliteEventLog(t.db);
    let calls = 0;
    const off = log.onAppend(() => calls++);
    log.append([ev('a')], 1);
    log.append([ev('a')], 1);
    off();
    log.append([ev('b')], 1);
    expect(calls).toBe(1);
  });
});
