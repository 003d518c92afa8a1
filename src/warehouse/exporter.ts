// The warehouse exporter: copies new events and new samples into day-partitioned Parquet through
// DuckDB. It is a consumer group ('warehouse') on the event log, one position per partition, and a
// reader of the samples table with its position in `sample_offsets`. Exactly once across crashes:
// a batch's files are named by its offset range, written under a temporary name, synced and renamed,
// and only then is the position committed. A crash after the rename and before the commit leaves
// files beyond the committed position; the next run deletes them and writes those rows again.
import { join } from 'node:path';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { EventLog } from '../log/index.js';
import { SampleStore, type Db } from '../store/index.js';
import { batchFileName, publishFile, removeUncommitted, type Topic } from './layout.js';
import { lockWarehouse } from './lock.js';
import { EVENT_COLUMNS, eventLine, jsonColumns, SAMPLE_COLUMNS, sampleLine } from './rows.js';
import { SampleOffsets } from './sample-offsets.js';

/** The consumer group (log) and reader name (samples) the exporter commits under. */
export const WAREHOUSE_GROUP = 'warehouse';

export interface ExporterOptions {
  /** Rows per batch, so per file at most (a batch spanning days writes one file per day). */
  batchRows?: number;
  /** Rows read from SQLite (and staged) between yields to the event loop. */
  readChunk?: number;
  /** DuckDB worker threads; 1 leaves the serving process its cores. */
  threads?: number;
}

export interface WrittenFile {
  day: string;
  path: string;
  rows: number;
}

/** A batch written and published but not necessarily committed. */
export interface WrittenBatch {
  topic: Topic;
  /** The log partition; null for samples. */
  partition: number | null;
  first: number;
  last: number;
  rows: number;
  files: WrittenFile[];
}

export interface ExportSummary {
  events: number;
  samples: number;
  files: WrittenFile[];
  /** Files of an interrupted earlier run, deleted before their rows were written again. */
  removed: number;
}

export class WarehouseExporter {
  private readonly batchRows: number;
  private readonly readChunk: number;
  private readonly threads: number;
  private readonly sampleOffsets: SampleOffsets;
  private readonly samples: SampleStore;
  private duck: Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> | null = null;

  constructor(
    db: Db,
    private readonly log: EventLog,
    /** The warehouse directory, `warehouseDir(dataDir)`. */
    readonly dir: string,
    options: ExporterOptions = {},
  ) {
    this.batchRows = options.batchRows ?? 50_000;
    this.readChunk = Math.min(options.readChunk ?? 1_000, this.batchRows);
    this.threads = options.threads ?? 1;
    this.sampleOffsets = new SampleOffsets(db);
    this.samples = new SampleStore(db);
  }

  /** Exports everything not yet exported, batch by batch; one run at a time per warehouse. */
  async exportOnce(): Promise<ExportSummary> {
    const release = lockWarehouse(this.dir);
    try {
      const summary: ExportSummary = { events: 0, samples: 0, files: [], removed: 0 };
      summary.removed += removeUncommitted(this.dir, 'events', (p) =>
        this.log.committed(WAREHOUSE_GROUP, p!),
      );
      summary.removed += removeUncommitted(this.dir, 'samples', () => this.committedSamples());
      for (let p = 0; p < this.log.partitions; p++) {
        for (let batch = await this.writeEventBatch(p); batch; batch = await this.writeEventBatch(p)) {
          this.commit(batch);
          summary.events += batch.rows;
          summary.files.push(...batch.files);
        }
      }
      for (let batch = await this.writeSampleBatch(); batch; batch = await this.writeSampleBatch()) {
        this.commit(batch);
        summary.samples += batch.rows;
        summary.files.push(...batch.files);
      }
      return summary;
    } finally {
      release();
    }
  }

  /** The first step of a batch: the next events of `partition` after its committed offset, written. */
  async writeEventBatch(partition: number): Promise<WrittenBatch | null> {
    return this.writeBatch(
      'events',
      partition,
      this.log.committed(WAREHOUSE_GROUP, partition),
      (after, limit) => {
        const records = this.log.read(partition, after, limit);
        return { offsets: records.map((r) => r.offset), lines: records.map(eventLine) };
      },
    );
  }

  /** The first step of a samples batch: the samples after the committed offset, written. */
  async writeSampleBatch(): Promise<WrittenBatch | null> {
    return this.writeBatch('samples', null, this.committedSamples(), (after, limit) => {
      const samples = this.samples.read(after, limit);
      return { offsets: samples.map((s) => s.offset), lines: samples.map(sampleLine) };
    });
  }

  /**
   * Stages up to `batchRows` rows after `committed` as JSON lines, a chunk at a time with the event
   * loop let go in between, then has DuckDB load them (on its own thread) and write the files.
   */
  private async writeBatch(
    topic: Topic,
    partition: number | null,
    committed: number,
    fetch: (after: number, limit: number) => { offsets: number[]; lines: string[] },
  ): Promise<WrittenBatch | null> {
    mkdirSync(this.dir, { recursive: true });
    const staging = join(this.dir, `.staging-${topic}.jsonl`);
    const fd = openSync(staging, 'w');
    let after = committed;
    let first = 0;
    let rows = 0;
    try {
      while (rows < this.batchRows) {
        const { offsets, lines } = fetch(after, Math.min(this.readChunk, this.batchRows - rows));
        if (offsets.length === 0) break;
        if (rows === 0) first = offsets[0]!;
        writeSync(fd, lines.join(''));
        rows += offsets.length;
        after = offsets[offsets.length - 1]!;
        await yieldToLoop();
      }
    } finally {
      closeSync(fd);
    }
    try {
      if (rows === 0) return null;
      const { conn } = await this.connection();
      const columns = topic === 'events' ? EVENT_COLUMNS : SAMPLE_COLUMNS;
      await conn.run(
        `CREATE OR REPLACE TABLE stage AS SELECT * FROM read_json('${sqlString(staging)}',
           format = 'newline_delimited', columns = ${jsonColumns(columns)})`,
      );
      const files = await this.copyByDay(conn, topic, 'stage', batchFileName(partition, first, after));
      await conn.run('DROP TABLE stage');
      return { topic, partition, first, last: after, rows, files };
    } finally {
      rmSync(staging, { force: true });
    }
  }

  /**
   * Joins the consumer group in every partition without moving its positions, so that log
   * retention keeps events until they are exported; a server exporting periodically calls it once
   * at start (the first export does the same, but retention may run before it).
   */
  register(): void {
    for (let p = 0; p < this.log.partitions; p++)
      this.log.commit(WAREHOUSE_GROUP, p, this.log.committed(WAREHOUSE_GROUP, p));
  }

  /** The second step: the batch's rows count as exported. Call only after its write returned. */
  commit(batch: WrittenBatch): void {
    if (batch.topic === 'events') this.log.commit(WAREHOUSE_GROUP, batch.partition!, batch.last);
    else this.sampleOffsets.commit(WAREHOUSE_GROUP, batch.last);
  }

  /** The last sample offset exported. */
  committedSamples(): number {
    return this.sampleOffsets.committed(WAREHOUSE_GROUP);
  }

  /** Releases DuckDB; the exporter opens it again if used after. */
  async close(): Promise<void> {
    const duck = this.duck;
    this.duck = null;
    if (!duck) return;
    const { instance, conn } = await duck;
    conn.closeSync();
    instance.closeSync();
  }

  private connection(): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
    this.duck ??= (async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: String(this.threads) });
      const conn = await instance.connect();
      return { instance, conn };
    })();
    return this.duck;
  }

  /** Writes the staged rows to one Parquet file per day, each published durably. */
  private async copyByDay(
    conn: DuckDBConnection,
    topic: Topic,
    table: string,
    name: string,
  ): Promise<WrittenFile[]> {
    const days = (
      await conn.runAndReadAll(`SELECT day, count(*)::INTEGER AS n FROM ${table} GROUP BY day ORDER BY day`)
    ).getRowObjects() as { day: string; n: number }[];
    const files: WrittenFile[] = [];
    for (const { day, n } of days) {
      const dayDir = join(this.dir, topic, `day=${day}`);
      mkdirSync(dayDir, { recursive: true });
      const path = join(dayDir, name);
      const tmp = join(dayDir, `.${name}.tmp`);
      await conn.run(
        `COPY (SELECT * EXCLUDE (day) FROM ${table} WHERE day = $day ORDER BY "offset")
         TO '${sqlString(tmp)}' (FORMAT parquet, COMPRESSION zstd)`,
        { day },
      );
      publishFile(tmp, path, dayDir);
      files.push({ day, path, rows: n });
    }
    return files;
  }
}

/** A path inside a single-quoted SQL literal (COPY takes no parameter for its target). */
function sqlString(s: string): string {
  return s.replaceAll("'", "''");
}
