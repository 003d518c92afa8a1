import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { partitionOf, type Event } from '../core/index.js';
import { DB_FILE, MIGRATIONS, openDb } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { readAll } from './scan.js';
import { SqliteEventLog } from './sqlite-log.js';

const t = useTempDb();

const ev = (id: string, userId = 'u'): Event => ({
  id,
  type: 'like',
  userId,
  itemId: 'i',
  timestamp: '2026-01-01T00:00:00Z',
});

describe('SqliteEventLog', () => {
  it('numbers each partition 1, 2, 3..., skips duplicates, and reads from any offset', () => {
    const log = new SqliteEventLog(t.db);
    const p = log.partitionOf('u');
    expect(log.append([ev('a'), ev('b'), ev('a')], 1)).toEqual({
      accepted: 2,
      duplicates: 1,
      positions: [{ partition: p, offset: 1 }, { partition: p, offset: 2 }, null],
    });
    expect(log.append([ev('c')], 2).positions).toEqual([{ partition: p, offset: 3 }]);
    expect(log.endOffset(p)).toBe(3);
    expect(log.totalAppended()).toBe(3);
    expect(log.read(p, 1, 10).map((r) => r.event.id)).toEqual(['b', 'c']);
    expect(log.read(p, 0, 1).map((r) => [r.partition, r.offset])).toEqual([[p, 1]]);
    expect(() => log.read(log.partitions, 0, 1)).toThrow(RangeError);
  });

  it('keeps one user in one partition and spreads users over all of them', () => {
    const log = new SqliteEventLog(t.db);
    const users = Array.from({ length: 400 }, (_, i) => `user-${i}`);
    const result = log.append(
      users.flatMap((u) => [ev(`${u}-1`, u), ev(`${u}-2`, u)]),
      1,
    );
    for (const [i, u] of users.entries()) {
      const [first, second] = [result.positions[2 * i]!, result.positions[2 * i + 1]!];
      expect(first.partition).toBe(partitionOf(u, log.partitions));
      expect(second).toEqual({ partition: first.partition, offset: first.offset + 1 });
    }
    const sizes = Array.from({ length: log.partitions }, (_, p) => log.endOffset(p));
    expect(sizes.reduce((a, b) => a + b)).toBe(800);
    for (const size of sizes) expect(size).toBeGreaterThan(50); // 100 expected per partition
    expect(readAll(log)).toHaveLength(800);
  });

  it('keeps committed offsets per consumer group and partition, across reopening', () => {
    const log = new SqliteEventLog(t.db);
    log.append([ev('a'), ev('b')], 1);
    const p = log.partitionOf('u');
    expect(log.committed('g', p)).toBe(0);
    log.commit('g', p, 2);
    log.commit('h', p, 1);
    log.commit('h', (p + 1) % log.partitions, 7);
    const again = new SqliteEventLog(openDb(t.dir));
    expect(again.committed('g', p)).toBe(2);
    expect(again.groups()).toEqual(
      expect.arrayContaining([
        { group: 'g', partition: p, offset: 2 },
        { group: 'h', partition: p, offset: 1 },
        { group: 'h', partition: (p + 1) % log.partitions, offset: 7 },
      ]),
    );
    expect(again.groups()).toHaveLength(3);
  });

  it('appends all of a batch or nothing', () => {
    const log = new SqliteEventLog(t.db);
    log.append([ev('a')], 1);
    const broken = { ...ev('b'), timestamp: undefined } as unknown as Event; // NOT NULL ts fails
    expect(() => log.append([ev('x'), broken], 1)).toThrow();
    expect(readAll(log).map((r) => r.event.id)).toEqual(['a']);
    expect(log.append([ev('y')], 1).positions[0]).toEqual({ partition: log.partitionOf('u'), offset: 2 });
  });

  it('retains only what every group has committed and is old enough, and never the last record', () => {
    const log = new SqliteEventLog(t.db);
    const p = log.partitionOf('u');
    log.append([ev('1'), ev('2'), ev('3')], 100);
    log.append([ev('4'), ev('5')], 200);
    expect(log.retain(1_000)).toBe(0); // no group has read anything
    log.commit('fast', p, 5);
    log.commit('slow', p, 2);
    expect(log.retain(1_000)).toBe(2); // what slow has processed
    expect(log.startOffset(p)).toBe(3);
    log.commit('slow', p, 5);
    expect(log.retain(150)).toBe(1); // 4 and 5 are too recent
    expect(log.retain(1_000)).toBe(1); // 4; 5 is the partition's last record
    expect(log.read(p, 0, 10).map((r) => r.offset)).toEqual([5]);
    expect(log.append([ev('6')], 300).positions[0]).toEqual({ partition: p, offset: 6 });
    expect(log.startOffset(p)).toBe(5);
    expect(log.totalAppended()).toBe(6);
  });

  it('retains at most `limit` records per call', () => {
    const log = new SqliteEventLog(t.db);
    const p = log.partitionOf('u');
    log.append(
      ['1', '2', '3', '4', '5'].map((id) => ev(id)),
      1,
    );
    log.commit('g', p, 5);
    expect(log.retain(10, 2)).toBe(2);
    expect(log.retain(10, 2)).toBe(2);
    expect(log.retain(10, 2)).toBe(0);
    expect(log.startOffset(p)).toBe(5);
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

describe('migration to a partitioned log', () => {
  it('moves each record to its user partition in order and carries committed positions over', () => {
    // A version-2 database with the old single-sequence log and a consumer part-way through it.
    const file = join(t.dir, 'old');
    openDb(file, { migrations: MIGRATIONS.filter((m) => m.version <= 2) }).close();
    const old = new Database(join(file, DB_FILE));
    const insert = old.prepare(
      'INSERT INTO events ("offset", id, type, user_id, item_id, ts, received_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const users = ['ann', 'bob', 'cid', 'dee'];
    for (let i = 1; i <= 12; i++) {
      const e = ev(`e${i}`, users[i % users.length]);
      insert.run(i * 2, e.id, e.type, e.userId, e.itemId, 0, i, JSON.stringify(e));
    }
    old.prepare('INSERT INTO consumer_offsets VALUES (?, ?, ?)').run('profile', 14, 0); // e1..e7
    old.close();

    const log = new SqliteEventLog(openDb(file));
    for (let p = 0; p < log.partitions; p++) {
      const records = log.read(p, 0, 100);
      expect(records.map((r) => r.offset)).toEqual(records.map((_, i) => i + 1));
      const ids = records.map((r) => Number(r.event.id.slice(1)));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      for (const r of records) expect(log.partitionOf(r.event.userId)).toBe(p);
      // The group had processed e1..e7: in this partition, exactly those of them that landed here.
      expect(log.committed('profile', p)).toBe(ids.filter((id) => id <= 7).length);
    }
    expect(log.totalAppended()).toBe(12);
  });
});
