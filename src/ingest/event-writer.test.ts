// The event writer on its own thread, against a real database file: batches posted together are
// committed together, each all-or-nothing, and what it acknowledged is in the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '../core/index.js';
import { SqliteEventLog } from '../log/index.js';
import { openDb, WriteLock, type Db } from '../store/index.js';
import { EventWriter } from './event-writer.js';

const T = Date.parse('2026-11-01T00:00:00Z');
const watch = (id: string, userId: string): Event =>
  ({ id, type: 'watch', userId, itemId: 'v1', watchMs: 1000, timestamp: new Date(T).toISOString() }) as Event;

describe('EventWriter', () => {
  let dataDir: string;
  let db: Db;
  let writer: EventWriter;
  let lock: WriteLock;
  let commits: number;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'foryou-writer-'));
    db = openDb(dataDir); // migrated before the writer's thread opens it, as the engine does
    commits = 0;
    writer = new EventWriter({
      dataDir,
      synchronous: 'full',
      lock: (lock = new WriteLock()),
      onCommitted: () => (commits += 1),
    });
  });
  afterEach(() => {
    writer.close();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('appends on its thread; the batches sent together share one commit', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, b) =>
        writer.append([watch(`e${b}a`, `u${b}`), watch(`e${b}b`, `u${b}`)], T + 1000),
      ),
    );
    expect(results.map((r) => r.accepted)).toEqual([2, 2, 2, 2, 2]);
    expect(results.map((r) => r.usersCreated)).toEqual([1, 1, 1, 1, 1]);
    // Posted before the thread's first turn, so written in one transaction and answered at once.
    expect(commits).toBe(1);
    const log = new SqliteEventLog(db);
    const stored = Array.from({ length: log.partitions }, (_, p) => log.read(p, 0, 100)).flat();
    expect(stored.map((r) => r.event.id).sort()).toEqual(
      ['e0a', 'e0b', 'e1a', 'e1b', 'e2a', 'e2b', 'e3a', 'e3b', 'e4a', 'e4b'].sort(),
    );
    // Each result says where its events landed.
    for (const r of results)
      for (const pos of r.positions) {
        expect(pos).not.toBeNull();
        expect(log.read(pos!.partition, pos!.offset - 1, 1)[0]!.offset).toBe(pos!.offset);
      }
    expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 5 });
  });

  it('counts a repeated id once, across batches and commits', async () => {
    await writer.append([watch('dup', 'u1')], T);
    const again = await writer.append([watch('dup', 'u1'), watch('new', 'u1')], T);
    expect(again).toMatchObject({ accepted: 1, duplicates: 1, usersCreated: 0 });
    expect(again.positions[0]).toBeNull();
  });

  it('fails a broken batch alone: the others of its commit are written', async () => {
    const broken = [
      watch('ok-in-broken', 'u1'),
      { ...watch('bad', 'u1'), userId: null as unknown as string },
    ];
    const [good, bad, alsoGood] = await Promise.allSettled([
      writer.append([watch('g1', 'u2')], T),
      writer.append(broken, T),
      writer.append([watch('g2', 'u3')], T),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(alsoGood.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(commits).toBe(1);
    const ids = db.prepare('SELECT id FROM events ORDER BY id').pluck().all();
    expect(ids).toEqual(['g1', 'g2']); // nothing of the broken batch, not even its valid event
  });

  it('commits only while it holds the write lock, and at once when it is released', async () => {
    await writer.append([watch('warm', 'u1')], T); // the thread is up
    expect(lock.tryAcquire()).toBe(true); // as the stream runner holds it during a step
    let done = false;
    const appended = writer.append([watch('held', 'u1')], T).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false);
    expect(db.prepare("SELECT COUNT(*) AS n FROM events WHERE id = 'held'").get()).toEqual({ n: 0 });
    lock.release();
    expect((await appended).accepted).toBe(1);
    expect(lock.tryAcquire()).toBe(true); // released after its commit
    lock.release();
  });

  it('refuses appends once closed, and fails what was in flight', async () => {
    const inFlight = writer.append([watch('late', 'u1')], T);
    writer.close();
    await expect(inFlight).rejects.toThrow(/closed/);
    await expect(writer.append([watch('later', 'u1')], T)).rejects.toThrow(/closed/);
    expect(writer.pending).toBe(0);
  });
});
