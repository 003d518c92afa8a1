// A stream processor is a consumer group over the event log: given a batch of records it writes its
// state changes through the open transaction, in which the runner also commits its offset, so a
// crash at any instant neither loses nor double-counts. What it keeps in memory it publishes only
// after that commit, through the function it returns.
import type { LogRecord } from '../log/index.js';

export interface Processor {
  /** The consumer group name; its committed offset is kept under this name. */
  readonly group: string;
  /** Records of one or more partitions, each partition's in offset order. */
  process(records: readonly LogRecord[]): (() => void) | void;
  /** Work driven by time rather than records (closing windows, expiry); called at every step. */
  expire?(now: number): (() => void) | void;
  /**
   * The transaction of the last `process`/`expire` calls failed and was rolled back. Only for a
   * processor that changes memory before the commit rather than in its publish function.
   */
  rollback?(): void;
}
