// The event log: an append-only sequence of events with Kafka's semantics. Consumers keep their own
// committed position and may replay from any offset. Embedded: a SQLite table; at scale: Kafka.
import type { Event } from '../core/index.js';

export interface LogRecord {
  /** Strictly increasing and never reused, though not always consecutive; the first record has offset 1. */
  offset: number;
  receivedAt: number;
  event: Event;
}

export interface AppendResult {
  accepted: number;
  /** Events whose id the log already held (or that repeat an id earlier in the same batch). */
  duplicates: number;
  /** Per input event: its offset, or null for a duplicate. */
  offsets: (number | null)[];
}

export interface EventLog {
  /** Appends atomically: all new events of the batch are written, or none. */
  append(events: readonly Event[], receivedAt: number): AppendResult;
  /** Records with offset > `after`, oldest first, at most `limit`. */
  read(after: number, limit: number): LogRecord[];
  /** The last offset written (0 when empty). */
  lastOffset(): number;
  /** The last offset the consumer group has processed (0 when it has processed nothing). */
  committed(group: string): number;
  commit(group: string, offset: number): void;
  /** All consumer groups with their committed offsets. */
  groups(): { group: string; offset: number }[];
  /** Called after each append that wrote at least one event. */
  onAppend(listener: () => void): () => void;
}
