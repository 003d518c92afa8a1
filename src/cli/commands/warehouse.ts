// `foryou warehouse export`: one incremental export of the data directory's new events and samples
// to day-partitioned Parquet under `<dataDir>/warehouse`, resuming where the last export stopped.
import { relative } from 'node:path';
import type { Command } from 'commander';
import { SqliteEventLog } from '../../log/index.js';
import { openDb } from '../../store/index.js';
import { WarehouseExporter, warehouseDir, type ExportSummary } from '../../warehouse/index.js';
import { addServerFlags, configFromFlags, intFlag, type ServerFlags } from '../options.js';

interface ExportFlags extends ServerFlags {
  batchRows?: string;
}

/** What an export wrote, one line per day and topic. */
export function describeExport(summary: ExportSummary, dir: string): string {
  const perDay = new Map<string, number>();
  for (const f of summary.files) {
    const key = relative(dir, f.path).split(/[\\/]/).slice(0, 2).join('/');
    perDay.set(key, (perDay.get(key) ?? 0) + f.rows);
  }
  const lines = [
    `exported ${summary.events} events and ${summary.samples} samples in ${summary.files.length} files to ${dir}`,
  ];
  if (summary.removed > 0)
    lines.push(`  removed ${summary.removed} files of an interrupted export, written again`);
  for (const [key, rows] of [...perDay].sort()) lines.push(`  ${key}: ${rows} rows`);
  return lines.join('\n') + '\n';
}

export function registerWarehouse(program: Command): void {
  const warehouse = program
    .command('warehouse')
    .description('the Parquet warehouse of events and training samples (DuckDB)');
  addServerFlags(
    warehouse
      .command('export')
      .description('write the events and samples not yet exported to Parquet, partitioned by day')
      .option('--batch-rows <n>', 'rows per Parquet file at most (default 50000)'),
  ).action(async (flags: ExportFlags) => {
    const config = configFromFlags(flags);
    const db = openDb(config.dataDir, { synchronous: config.store.synchronous });
    const dir = warehouseDir(config.dataDir);
    const exporter = new WarehouseExporter(db, new SqliteEventLog(db), dir, {
      ...(flags.batchRows !== undefined ? { batchRows: intFlag('batch-rows', flags.batchRows) } : {}),
      threads: 2,
    });
    try {
      process.stdout.write(describeExport(await exporter.exportOnce(), dir));
    } finally {
      await exporter.close();
      db.close();
    }
  });
}
