// The warehouse's row shapes: an event as columns (what analyses filter and join on) plus `doc`, the
// JSON of every other field, so the whole event can be rebuilt; a sample as the sample store's fields.
import type { Event } from '../core/index.js';
import type { LogRecord } from '../log/index.js';
import type { Sample } from '../store/index.js';
import { dayOf } from './layout.js';

/** Column name and DuckDB type; rows are staged as JSON lines that DuckDB reads with these types. */
export type Columns = readonly (readonly [string, string])[];

/** The event columns; `day` is the hive partition (the directory), not stored in the files. */
export const EVENT_COLUMNS: Columns = [
  ['id', 'VARCHAR'],
  ['type', 'VARCHAR'],
  ['user_id', 'VARCHAR'],
  ['item_id', 'VARCHAR'],
  ['creator_id', 'VARCHAR'],
  ['ts', 'BIGINT'],
  ['received_at', 'BIGINT'],
  ['partition', 'INTEGER'],
  ['offset', 'BIGINT'],
  ['watch_ms', 'INTEGER'],
  ['duration_ms', 'INTEGER'],
  ['loops', 'INTEGER'],
  ['request_id', 'VARCHAR'],
  ['position', 'INTEGER'],
  ['doc', 'VARCHAR'],
  ['day', 'VARCHAR'],
];

/** `columns` as read_json's `columns` argument. */
export function jsonColumns(columns: Columns): string {
  return `{${columns.map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;
}

/** A log record as one JSON line of event columns (absent fields are left out, read as NULL). */
export function eventLine({ partition, offset, receivedAt, event }: LogRecord): string {
  // Fields with a column of their own; `rest` (text, reason, context, props) goes to `doc`.
  const {
    id,
    type,
    userId,
    itemId,
    creatorId,
    timestamp,
    watchMs,
    durationMs,
    loops,
    requestId,
    position,
    ...rest
  } = event;
  const ts = Date.parse(timestamp);
  const iso = new Date(ts).toISOString();
  // The timestamp as sent, when `ts` would not spell it the same (an offset other than Z, say).
  const doc: Record<string, unknown> = iso === timestamp ? rest : { ...rest, timestamp };
  return (
    JSON.stringify({
      id,
      type,
      user_id: userId,
      item_id: itemId,
      creator_id: creatorId,
      ts,
      received_at: receivedAt,
      partition,
      offset,
      watch_ms: watchMs,
      duration_ms: durationMs,
      loops,
      request_id: requestId,
      position,
      doc: JSON.stringify(doc),
      day: iso.slice(0, 10),
    }) + '\n'
  );
}

/** An event row as read back (numbers as doubles, absent values as null). */
export interface EventRow {
  id: string;
  type: string;
  user_id: string;
  item_id: string | null;
  creator_id: string | null;
  ts: number;
  watch_ms: number | null;
  duration_ms: number | null;
  loops: number | null;
  request_id: string | null;
  position: number | null;
  doc: string;
}

/** The SELECT list that reads an `EventRow`. */
export const EVENT_ROW_SELECT = `id, type, user_id, item_id, creator_id, ts::DOUBLE AS ts, watch_ms,
  duration_ms, loops, request_id, position, doc`;

/** The event a row was made from, field for field. */
export function eventFromRow(r: EventRow): Event {
  const e: Record<string, unknown> = { id: r.id, type: r.type, userId: r.user_id };
  if (r.item_id !== null) e.itemId = r.item_id;
  if (r.creator_id !== null) e.creatorId = r.creator_id;
  e.timestamp = new Date(r.ts).toISOString();
  if (r.request_id !== null) e.requestId = r.request_id;
  if (r.position !== null) e.position = r.position;
  if (r.watch_ms !== null) e.watchMs = r.watch_ms;
  if (r.duration_ms !== null) e.durationMs = r.duration_ms;
  if (r.loops !== null) e.loops = r.loops;
  Object.assign(e, JSON.parse(r.doc) as object);
  return e as Event;
}

/** The sample columns (the store's `Sample`); `features` is kept as JSON text. */
export const SAMPLE_COLUMNS: Columns = [
  ['offset', 'BIGINT'],
  ['request_id', 'VARCHAR'],
  ['user_id', 'VARCHAR'],
  ['item_id', 'VARCHAR'],
  ['served_at', 'BIGINT'],
  ['closed_at', 'BIGINT'],
  ['position', 'INTEGER'],
  ['source', 'VARCHAR'],
  ['score', 'DOUBLE'],
  ['features', 'VARCHAR'],
  ['watch_ratio', 'DOUBLE'],
  ['finished', 'BOOLEAN'],
  ['liked', 'BOOLEAN'],
  ['shared', 'BOOLEAN'],
  ['followed', 'BOOLEAN'],
  ['quick_skip', 'BOOLEAN'],
  ['day', 'VARCHAR'],
];

/** A sample (as the store reads it) as one JSON line of sample columns. */
export function sampleLine(s: Sample): string {
  return (
    JSON.stringify({
      offset: s.offset,
      request_id: s.requestId,
      user_id: s.userId,
      item_id: s.itemId,
      served_at: s.servedAt,
      closed_at: s.closedAt,
      position: s.position,
      source: s.source,
      score: s.score,
      features: JSON.stringify(s.features),
      watch_ratio: s.watchRatio,
      finished: s.finished,
      liked: s.liked,
      shared: s.shared,
      followed: s.followed,
      quick_skip: s.quickSkip,
      // A sample belongs to the day it was served: the moment the user saw the video.
      day: dayOf(s.servedAt),
    }) + '\n'
  );
}
