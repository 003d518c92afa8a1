// The event log: an append-only sequence of events with Kafka's semantics. Events are spread over a
// fixed number of partitions by a hash of their user id, so one user's events stay in order in one
// partition; within a partition offsets count up from 1. Consumer groups keep a committed offset per
// partition and may replay from any offset. Embedded: a SQLite table; at scale: a Kafka topic.
// Nothing that consumes it may assume that all partitions are read by one process.
import type { Event } from '../core/index.js';

export interface LogRecord {
  partition: number;
  /** Position in its partition: 1, 2, 3... never reused. */
  offset: number;
  receivedAt: number;
  event: Event;
  /**
   * Event time (ms), `Date.parse(event.timestamp)`: the SQLite log reads it from its `ts` column so
   * that no processor parses the timestamp again. Records made by hand may leave it out: read it
   * through `eventTime`.
   */
  ts?: number;
}

/** A record's event time (ms), parsed once and kept on the record if the log did not give it. */
export function eventTime(r: LogRecord): number {
  return (r.ts ??= Date.parse(r.event.timestamp));
}

/** Where one appended event landed. */
export interface LogPosition {
  partition: number;
  offset: number;
}

export interface AppendResult {
  accepted: number;
  /** Events whose id the log already held (or that repeat an id earlier in the same batch). */
  duplicates: number;
  /** Per input event: where it was written, or null for a duplicate. */
  positions: (LogPosition | null)[];
}

/** A consumer group's committed offset in one partition. */
export interface CommittedOffset {
  group: string;
  partition: number;
  offset: number;
}

export interface EventLog {
  /** How many partitions the log has; fixed when it is created. */
  readonly partitions: number;
  /** The partition a user's events go to. */
  partitionOf(userId: string): number;
  /** Appends atomically: all new events of the batch are written, or none. */
  append(events: readonly Event[], receivedAt: number): AppendResult;
  /** Records of `partition` with offset > `after`, oldest first, at most `limit`. */
  read(partition: number, after: number, limit: number): LogRecord[];
  /** The last offset written to the partition (0 when it is empty). */
  endOffset(partition: number): number;
  /** The first offset still held in the partition (retention removes older ones); endOffset + 1 when empty. */
  startOffset(partition: number): number;
  /** Records appended in all, over every partition, ever (the sum of end offsets). */
  totalAppended(): number;
  /** The last offset the group has processed in the partition (0 when it has processed nothing). */
  committed(group: string, partition: number): number;
  commit(group: string, partition: number, offset: number): void;
  /** Every consumer group's committed offset in every partition it has committed in. */
  groups(): CommittedOffset[];
  /**
   * Deletes records received before `before` that every consumer group has committed, never the
   * last record of a partition, at most `limit` of them; returns how many were deleted.
   */
  retain(before: number, limit?: number): number;
  /** Called after each append that wrote at least one event. */
  onAppend(listener: () => void): () => void;
}
