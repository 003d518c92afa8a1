// Runs processors in this process: each polls the log from its committed offset, woken at once
// by appends and otherwise every `pollMs`, in batches so the event loop keeps serving requests.
import type { EventLog, LogRecord } from '../log/index.js';
import { relaxedTransaction, type Db, type WriteLock } from '../store/index.js';
import type { Processor } from './processor.js';

export interface RunnerOptions {
  batchSize?: number;
  pollMs?: number;
  onError?: (group: string, error: unknown) => void;
  /** The time processors' `expire` is given (default the wall clock). */
  now?: () => number;
  /**
   * Taken around each background step when another thread writes to the database too (the event
   * writer): when that thread holds it, the step is tried again in a millisecond instead of
   * blocking this thread in SQLite's busy handler.
   */
  lock?: WriteLock;
}

export class StreamRunner {
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  private running = false;
  private readonly unsubscribe: () => void;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    readonly processors: readonly Processor[],
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.pollMs = options.pollMs ?? 250;
    this.now = options.now ?? Date.now;
    this.unsubscribe = log.onAppend(() => this.wake());
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Processes one batch per processor, all in one transaction (each processor's state with its own
   * offsets, so each stays atomic); returns how many records were processed in all. The commit does
   * not wait for fsync: everything here can be replayed from the log, which was synced on append.
   * Each partition is read once for all processors, from the one furthest behind in it, and each
   * processor gets its records of every partition in one call (bigger batches, fewer writes).
   */
  step(): number {
    if (this.processors.length === 0) return 0;
    const publishers: (() => void)[] = [];
    let total: number;
    try {
      total = this.transact(this.now(), publishers);
    } catch (error) {
      // Nothing was committed; a processor that changed memory early puts it back.
      for (const p of this.processors) p.rollback?.();
      throw error;
    }
    for (const publish of publishers) publish();
    return total;
  }

  /** The body of `step`: one transaction; collects the publish functions; returns the records processed. */
  private transact(now: number, publishers: (() => void)[]): number {
    const perPartition = Math.max(1, Math.ceil(this.batchSize / this.log.partitions));
    let total = 0;
    relaxedTransaction(this.db, () => {
      const positions = this.processors.map((p) =>
        Array.from({ length: this.log.partitions }, (_, part) => this.log.committed(p.group, part)),
      );
      const batches: LogRecord[][] = [];
      for (let part = 0; part < this.log.partitions; part++) {
        const from = Math.min(...positions.map((pos) => pos[part]!));
        batches.push(this.log.read(part, from, perPartition));
      }
      this.processors.forEach((p, i) => {
        const mine: LogRecord[] = [];
        const ends: number[] = [];
        batches.forEach((batch, part) => {
          const after = positions[i]![part]!;
          let end = after;
          for (const r of batch) {
            if (r.offset <= after) continue;
            mine.push(r);
            end = r.offset;
          }
          ends.push(end);
        });
        if (mine.length > 0) {
          const publish = p.process(mine);
          if (publish) publishers.push(publish);
          ends.forEach((end, part) => {
            if (end > positions[i]![part]!) this.log.commit(p.group, part, end);
          });
          total += mine.length;
        }
        const publishExpired = p.expire?.(now);
        if (publishExpired) publishers.push(publishExpired);
      });
    });
    return total;
  }

  /** Processes until every processor has caught up with the log. */
  drain(): number {
    let total = 0;
    for (let n = this.step(); n > 0; n = this.step()) total += n;
    return total;
  }

  /** Records each group has yet to process, per partition. */
  lag(): { group: string; partition: number; lag: number }[] {
    const out: { group: string; partition: number; lag: number }[] = [];
    for (let part = 0; part < this.log.partitions; part++) {
      const end = this.log.endOffset(part);
      for (const p of this.processors)
        out.push({ group: p.group, partition: part, lag: end - this.log.committed(p.group, part) });
    }
    return out;
  }

  /** Steps soon: the log has new records (from an append here, or from another thread's). */
  wake(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    if (!this.running) return;
    const lock = this.options.lock;
    if (lock && !lock.tryAcquire()) {
      this.timer = setTimeout(() => this.tick(), 1);
      return;
    }
    let processed = 0;
    try {
      processed = this.step();
    } catch (error) {
      this.options.onError?.('runner', error);
    } finally {
      lock?.release();
    }
    if (processed > 0) this.wake();
    else this.timer = setTimeout(() => this.tick(), this.pollMs);
  }
}
