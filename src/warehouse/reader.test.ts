import { describe, expect, it } from 'vitest';
import { parseConfig, type Item } from '../core/index.js';
import { SqliteEventLog } from '../log/index.js';
import { CatalogStore } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { SignalReader } from '../stream/index.js';
import { WarehouseExporter } from './exporter.js';
import { makeEvents, T0 } from './fixtures.js';
import { interactionsFromLog } from './interactions.js';
import { warehouseDir } from './layout.js';
import { interactionsFromWarehouse } from './reader.js';

const t = useTempDb();
const config = parseConfig({});

/** A log of 300 varied events over three days, its catalog (durations), exported to the warehouse. */
async function setUp(withCatalog = true) {
  const catalog = new CatalogStore(t.db);
  const items: Item[] = Array.from({ length: 13 }, (_, k) => ({
    id: `v${k}`,
    creatorId: `c${k % 3}`,
    durationMs: 5_000 + k * 1_000,
    createdAt: '2026-02-01T00:00:00Z',
  }));
  if (withCatalog) catalog.upsertItems(items, T0);
  const log = new SqliteEventLog(t.db);
  log.append(makeEvents(0, 300, 0, 3), T0);
  const exporter = new WarehouseExporter(t.db, log, warehouseDir(t.dir), { batchRows: 64 });
  await exporter.exportOnce();
  await exporter.close();
  const signals = new SignalReader(catalog, config.eventWeights, config.profile);
  return { log, signals, dir: warehouseDir(t.dir) };
}

describe('interactionsFromWarehouse', () => {
  it('equals interactionsFromLog on the same events: the same pairs, numbering and weights', async () => {
    const { log, signals, dir } = await setUp();
    const fromLog = interactionsFromLog(log, signals);
    const fromWarehouse = await interactionsFromWarehouse(dir, signals, { partitions: log.partitions });
    expect(fromLog.length).toBeGreaterThan(50);
    // Some pairs sum to a weight a plain count could not give (watch ratios from both sources of
    // duration), and negative pairs (skips) are left out of both.
    expect(new Set(fromLog.rating).size).toBeGreaterThan(5);
    expect(fromWarehouse).toEqual(fromLog);
  });

  it('takes only events since a time, skipping whole days before it', async () => {
    const { log, signals, dir } = await setUp();
    const since = T0 + 86_400_000 + 30 * 60_000; // day 2, 00:30
    const fromLog = interactionsFromLog(log, signals, { since });
    const fromWarehouse = await interactionsFromWarehouse(dir, signals, {
      since,
      partitions: log.partitions,
    });
    expect(fromWarehouse).toEqual(fromLog);
    expect(Math.min(...fromWarehouse.timestamp)).toBeGreaterThanOrEqual(since);
    expect(fromWarehouse.length).toBeLessThan((await interactionsFromWarehouse(dir, signals)).length);
  });

  it('weights by configuration alone when there is no SignalReader, durations from the events', async () => {
    // The known answer: the log read with an empty catalog, where durations come from events too.
    const { log, signals, dir } = await setUp(false);
    const fromLog = interactionsFromLog(log, signals);
    const data = await interactionsFromWarehouse(dir, undefined, {
      eventWeights: config.eventWeights,
      partitions: log.partitions,
    });
    expect(data.length).toBeGreaterThan(20);
    expect(data).toEqual(fromLog);
    await expect(interactionsFromWarehouse(dir, undefined)).rejects.toThrow(/SignalReader or eventWeights/);
  });

  it('reads an empty warehouse as no interactions', async () => {
    const data = await interactionsFromWarehouse(warehouseDir(t.dir), undefined, { partitions: 8 });
    expect(data).toMatchObject({ length: 0, nUsers: 0, upTo: [0, 0, 0, 0, 0, 0, 0, 0] });
  });
});
