// Reading the warehouse back through DuckDB: the training interactions of the collaborative models
// (the same as `interactionsFromLog` computes from the log, for the same events) and labelled
// samples for batch-trained rankers. Day partitions before `since` are not even opened.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Config, Event } from '../core/index.js';
import type { Sample } from '../store/index.js';
import { engagementWeight, type SignalReader } from '../stream/index.js';
import { InteractionBuilder, type LogInteractionOptions, type LogInteractions } from './interactions.js';
import { dayOf, hasFiles, topicGlob, type Topic } from './layout.js';
import { EVENT_ROW_SELECT, eventFromRow, type EventRow } from './rows.js';

export interface WarehouseInteractionOptions extends LogInteractionOptions {
  /**
   * Weights per event type (configuration `eventWeights`) when no SignalReader is given; watches
   * are then weighted by the duration the event carries only, as no catalog is at hand.
   */
  eventWeights?: Config['eventWeights'];
  /** Length of `upTo`; defaults to the highest partition found plus one. */
  partitions?: number;
}

/** Runs `work` on a private in-memory DuckDB, closed after. */
async function withDuckDB<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    return await work(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function source(dir: string, topic: Topic): string {
  const glob = topicGlob(dir, topic).replaceAll("'", "''");
  return `read_parquet('${glob}', hive_partitioning = true, hive_types = {'day': DATE})`;
}

/** Rows of a query, chunk by chunk, as column arrays. */
async function* columnChunks(conn: DuckDBConnection, sql: string, values: Record<string, DuckDBValue> = {}) {
  const result = await conn.stream(sql, values);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk())
    yield { rows: chunk.rowCount, columns: chunk.getColumns() };
}

/** A time filter on a topic's rows: day partitions first (so files are skipped), then the exact time. */
function timeFilter(column: string, since: number | undefined, until: number | undefined): string {
  const parts: string[] = [];
  if (since !== undefined && Number.isFinite(since))
    parts.push(`day >= DATE '${dayOf(since)}'`, `${column} >= ${Math.floor(since)}`);
  if (until !== undefined && Number.isFinite(until))
    parts.push(`day <= DATE '${dayOf(until)}'`, `${column} < ${Math.ceil(until)}`);
  return parts.length ? parts.join(' AND ') : 'true';
}

/**
 * Every (user, video) pair with a positive summed engagement weight among the warehouse's events:
 * weights from `signals` (as the log's trainer reads them) or from `options.eventWeights`.
 */
export async function interactionsFromWarehouse(
  dir: string,
  signals: SignalReader | undefined,
  options: WarehouseInteractionOptions = {},
): Promise<LogInteractions> {
  const builder = new InteractionBuilder();
  if (!hasFiles(dir, 'events')) return builder.build(new Array<number>(options.partitions ?? 0).fill(0));
  const weights = options.eventWeights;
  if (!signals && !weights) throw new Error('interactionsFromWarehouse needs a SignalReader or eventWeights');
  const weightOf = (event: Event) =>
    signals ? signals.read(event).weight : engagementWeight(event, weights!, undefined);
  return withDuckDB(async (conn) => {
    const ends = (
      await conn.runAndReadAll(
        `SELECT "partition", max("offset")::DOUBLE AS last, count(*)::DOUBLE AS n FROM ${source(dir, 'events')} GROUP BY 1`,
      )
    ).getRowObjects() as { partition: number; last: number; n: number }[];
    const partitions = options.partitions ?? Math.max(...ends.map((e) => e.partition)) + 1;
    const upTo = new Array<number>(partitions).fill(0);
    for (const e of ends) if (e.partition < partitions) upTo[e.partition] = e.last;
    const total = ends.reduce((a, e) => a + e.n, 0);
    // The log's order (partition by partition, offset by offset), so users and videos are numbered
    // and weights summed exactly as interactionsFromLog does.
    const sql = `SELECT id, type, user_id, item_id, ts::DOUBLE AS ts, watch_ms, duration_ms
      FROM ${source(dir, 'events')}
      WHERE item_id IS NOT NULL AND ${timeFilter('ts', options.since, undefined)}
      ORDER BY "partition", "offset"`;
    let read = 0;
    for await (const { rows, columns } of columnChunks(conn, sql)) {
      const [id, type, user, item, ts, watch, duration] = columns as [
        string[],
        Event['type'][],
        string[],
        string[],
        number[],
        (number | null)[],
        (number | null)[],
      ];
      for (let k = 0; k < rows; k++) {
        // The fields an event's weight depends on; the rest of it (doc) is not parsed.
        const event: Event = {
          id: id[k]!,
          type: type[k]!,
          userId: user[k]!,
          itemId: item[k]!,
          timestamp: new Date(ts[k]!).toISOString(),
        };
        if (watch[k] !== null) event.watchMs = watch[k]!;
        if (duration[k] !== null) event.durationMs = duration[k]!;
        builder.add(user[k]!, item[k]!, weightOf(event), ts[k]!);
      }
      read += rows;
      options.onProgress?.(read, total);
    }
    return builder.build(upTo);
  });
}

export interface TimeRange {
  /** At or after this time, ms since the epoch. */
  since?: number;
  /** Before this time. */
  until?: number;
}

/** The warehouse's events whose own time falls in `range`, each rebuilt whole, in log order. */
export async function eventsFromWarehouse(dir: string, range: TimeRange = {}): Promise<Event[]> {
  if (!hasFiles(dir, 'events')) return [];
  return withDuckDB(async (conn) => {
    const reader = await conn.runAndReadAll(
      `SELECT ${EVENT_ROW_SELECT} FROM ${source(dir, 'events')}
       WHERE ${timeFilter('ts', range.since, range.until)} ORDER BY "partition", "offset"`,
    );
    return (reader.getRowObjects() as unknown as EventRow[]).map(eventFromRow);
  });
}

/** The warehouse's samples served in `range`, in sample offset order. */
export async function samplesFromWarehouse(dir: string, range: TimeRange = {}): Promise<Sample[]> {
  if (!hasFiles(dir, 'samples')) return [];
  return withDuckDB(async (conn) => {
    const sql = `SELECT "offset"::DOUBLE, request_id, user_id, item_id, served_at::DOUBLE, closed_at::DOUBLE,
        position, source, score, features, watch_ratio, finished, liked, shared, followed, quick_skip
      FROM ${source(dir, 'samples')}
      WHERE ${timeFilter('served_at', range.since, range.until)}
      ORDER BY "offset"`;
    const out: Sample[] = [];
    for await (const { rows, columns: c } of columnChunks(conn, sql)) {
      for (let k = 0; k < rows; k++) {
        const at = (col: number) => c[col]![k];
        out.push({
          offset: at(0) as number,
          requestId: at(1) as string,
          userId: at(2) as string,
          itemId: at(3) as string,
          servedAt: at(4) as number,
          closedAt: at(5) as number,
          position: at(6) as number,
          source: at(7) as string,
          score: at(8) as number,
          features: JSON.parse(at(9) as string) as Record<string, number>,
          watchRatio: at(10) as number,
          finished: at(11) as boolean,
          liked: at(12) as boolean,
          shared: at(13) as boolean,
          followed: at(14) as boolean,
          quickSkip: at(15) as boolean,
        });
      }
    }
    return out;
  });
}
