import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readAll, SqliteEventLog } from '../log/index.js';
import { useTempDb } from '../store/test-db.js';
import { WarehouseExporter } from './exporter.js';
import { insertSamples, makeEvents, T0 } from './fixtures.js';
import { batchFileName, listBatchFiles, warehouseDir } from './layout.js';
import { eventsFromWarehouse, samplesFromWarehouse } from './reader.js';

const t = useTempDb();
let log: SqliteEventLog;
let dir: string;
let exporter: WarehouseExporter;

beforeEach(() => {
  log = new SqliteEventLog(t.db);
  dir = warehouseDir(t.dir);
  exporter = new WarehouseExporter(t.db, log, dir, { batchRows: 7, readChunk: 3 });
  return () => exporter.close();
});

/** Rows per day in the warehouse's files, by each file's directory. */
function rowsPerDay(files: { day: string; rows: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of files) out[f.day] = (out[f.day] ?? 0) + f.rows;
  return out;
}

const ids = (events: { id: string }[]) => events.map((e) => e.id).sort();

describe('WarehouseExporter', () => {
  it('writes only what is new on each run, into the day of each event', async () => {
    log.append(makeEvents(0, 40, 0, 2), T0);
    const first = await exporter.exportOnce();
    expect(first.events).toBe(40);
    expect(rowsPerDay(first.files)).toEqual({ '2026-03-01': 20, '2026-03-02': 20 });

    log.append(makeEvents(40, 30, 1, 2), T0); // days 2 and 3
    const second = await exporter.exportOnce();
    expect(second.events).toBe(30);
    expect(rowsPerDay(second.files)).toEqual({ '2026-03-02': 15, '2026-03-03': 15 });
    expect((await exporter.exportOnce()).events).toBe(0);

    // Every event once, whole, and each file's rows are of its own day.
    const back = await eventsFromWarehouse(dir);
    expect(ids(back)).toEqual(ids(readAll(log).map((r) => r.event)));
    const byId = new Map(readAll(log).map((r) => [r.event.id, r.event]));
    for (const e of back) expect(e).toEqual(byId.get(e.id));
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) {
      const since = Date.parse(`${day}T00:00:00Z`);
      const inDay = await eventsFromWarehouse(dir, { since, until: since + 86_400_000 });
      expect(inDay.length).toBe({ '2026-03-01': 20, '2026-03-02': 35, '2026-03-03': 15 }[day]);
    }
    // Positions are committed per partition up to each partition's end.
    for (let p = 0; p < log.partitions; p++) expect(log.committed('warehouse', p)).toBe(log.endOffset(p));
    // Batches of at most 7 records: a partition with 9 events has two batch ranges.
    for (const f of listBatchFiles(dir, 'events')) expect(f.last - f.first).toBeLessThan(7);
  });

  it('keeps the sent spelling of a timestamp with an offset', async () => {
    const [e] = makeEvents(0, 1);
    log.append([{ ...e!, timestamp: '2026-03-01T09:30:00+02:00' }], T0);
    await exporter.exportOnce();
    const back = await eventsFromWarehouse(dir);
    expect(back[0]!.timestamp).toBe('2026-03-01T09:30:00+02:00');
    expect(listBatchFiles(dir, 'events')[0]!.day).toBe('2026-03-01'); // 07:30 UTC
  });

  it('after a crash between rename and commit, still holds each event exactly once', async () => {
    log.append(makeEvents(0, 20, 0, 2), T0);
    const p = log.partitionOf('u0');
    const written = (await exporter.writeEventBatch(p))!; // ...and the process dies before commit
    expect(written.files.every((f) => existsSync(f.path))).toBe(true);
    expect(log.committed('warehouse', p)).toBe(0);

    // More events arrive for that partition, so its next batch covers another range.
    log.append(makeEvents(20, 44, 0, 2), T0);
    const summary = await exporter.exportOnce();
    expect(summary.removed).toBe(written.files.length);
    expect(summary.events).toBe(64);
    const back = await eventsFromWarehouse(dir);
    expect(back).toHaveLength(64);
    expect(ids(back)).toEqual(ids(readAll(log).map((r) => r.event)));
  });

  it('rewrites the same file when the crashed batch is written again unchanged', async () => {
    log.append(makeEvents(0, 20, 0, 1), T0);
    const p = log.partitionOf('u1');
    const written = (await exporter.writeEventBatch(p))!;
    expect(written.files.map((f) => f.path.split('/').pop())).toEqual([
      batchFileName(p, written.first, written.last),
    ]);
    const summary = await exporter.exportOnce();
    expect(summary.files.map((f) => f.path)).toContain(written.files[0]!.path);
    expect(await eventsFromWarehouse(dir)).toHaveLength(20);
    // No temporary files are left in any day directory.
    for (const day of readdirSync(join(dir, 'events')))
      expect(readdirSync(join(dir, 'events', day)).every((n) => n.endsWith('.parquet'))).toBe(true);
  });

  it('exports samples incrementally, by the day they were served, exactly once across a crash', async () => {
    insertSamples(t.db, 0, 10, 0);
    expect((await exporter.exportOnce()).samples).toBe(10);
    insertSamples(t.db, 10, 5, 1);
    await exporter.writeSampleBatch(); // crashed before its commit
    insertSamples(t.db, 15, 4, 1);
    const summary = await exporter.exportOnce();
    expect(summary.samples).toBe(9);
    expect(exporter.committedSamples()).toBe(19);
    const all = await samplesFromWarehouse(dir);
    expect(all.map((s) => s.offset)).toEqual(Array.from({ length: 19 }, (_, k) => k + 1));
    expect(all[3]).toEqual({
      offset: 4,
      requestId: 'r3',
      userId: 'u3',
      itemId: 'v3',
      servedAt: T0 + 3_000,
      closedAt: T0 + 603_000,
      position: 3,
      source: 'trending',
      score: 0.03,
      features: { trending: 0.3, freshness: 0.5 },
      watchRatio: 1.5,
      finished: true,
      liked: true,
      shared: false,
      followed: false,
      quickSkip: false,
    });
    const day2 = await samplesFromWarehouse(dir, { since: T0 + 86_400_000 });
    expect(day2.map((s) => s.requestId)).toEqual(Array.from({ length: 9 }, (_, k) => `r${k + 10}`));
  });

  it('holds back log retention from its registration until the events are exported', async () => {
    log.append(makeEvents(0, 30), T0);
    // Another group that has read everything.
    for (let p = 0; p < log.partitions; p++) log.commit('other', p, log.endOffset(p));
    exporter.register();
    expect(log.retain(T0 + 1)).toBe(0);
    await exporter.exportOnce();
    // Everything but each partition's last record (which the log always keeps) may now go.
    const nonEmpty = Array.from({ length: log.partitions }, (_, p) => log.endOffset(p)).filter((n) => n > 0);
    expect(log.retain(T0 + 1)).toBe(30 - nonEmpty.length);
    expect(await eventsFromWarehouse(dir)).toHaveLength(30);
  });

  it('refuses to run beside another export of the same warehouse', async () => {
    log.append(makeEvents(0, 5), T0);
    const other = new WarehouseExporter(t.db, log, dir);
    try {
      const [a, b] = await Promise.allSettled([exporter.exportOnce(), other.exportOnce()]);
      expect(a.status).toBe('fulfilled');
      expect(b.status).toBe('rejected');
      expect((b as PromiseRejectedResult).reason).toMatchObject({ message: /another warehouse export/ });
    } finally {
      await other.close();
    }
  });
});
