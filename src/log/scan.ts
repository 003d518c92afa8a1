// Reading a whole log, partition after partition, for batch work (training, tests). Order holds
// within a partition only, as with any partitioned log.
import type { EventLog, LogRecord } from './types.js';

/** Every record still held, in batches of at most `chunk`, partition by partition. */
export function* scanLog(log: EventLog, chunk = 10_000): Generator<LogRecord[]> {
  for (let p = 0; p < log.partitions; p++) {
    const end = log.endOffset(p);
    for (let after = 0; after < end;) {
      const batch = log.read(p, after, chunk);
      if (batch.length === 0) break;
      yield batch;
      after = batch[batch.length - 1]!.offset;
    }
  }
}

/** Every record still held, partition by partition. */
export function readAll(log: EventLog): LogRecord[] {
  const out: LogRecord[] = [];
  for (const batch of scanLog(log)) out.push(...batch);
  return out;
}
