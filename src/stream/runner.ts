// Runs processors in this process: each polls the log from its committed offset, woken at once
// by appends and otherwise every `pollMs`, in batches so the event loop keeps serving requests.
import type { EventLog } from '../log/index.js';
import { relaxedTransaction, type Db } from '../store/index.js';
import type { Processor } from './processor.js';

export interface RunnerOptions {
  batchSize?: number;
  pollMs?: number;
  onError?: (group: string, error: unknown) => void;
}

export class StreamRunner {
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  private running = false;
  private readonly unsubscribe: () => void;
  private readonly batchSize: number;
  private readonly pollMs: number;

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    readonly processors: readonly Processor[],
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.pollMs = options.pollMs ?? 250;
    this.unsubscribe = log.onAppend(() => this.schedule());
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Processes one batch per processor, all in one transaction (each processor's state with its own
   * offset, so each stays atomic); returns how many records were processed in all. The commit does
   * not wait for fsync: everything here can be replayed from the log, which was synced on append.
   * The log is read (and parsed) once for all processors, from the one furthest behind.
   */
  step(): number {
    if (this.processors.length === 0) return 0;
    let total = 0;
    const publishers: (() => void)[] = [];
    relaxedTransaction(this.db, () => {
      const positions = this.processors.map((p) => this.log.committed(p.group));
      const batch = this.log.read(Math.min(...positions), this.batchSize);
      this.processors.forEach((p, i) => {
        const records = batch.filter((r) => r.offset > positions[i]!);
        if (records.length === 0) return;
        const publish = p.process(records);
        if (publish) publishers.push(publish);
        this.log.commit(p.group, records[records.length - 1]!.offset);
        total += records.length;
      });
    });
    for (const publish of publishers) publish();
    return total;
  }

  /** Processes until every processor has caught up with the log. */
  drain(): number {
    let total = 0;
    for (let n = this.step(); n > 0; n = this.step()) total += n;
    return total;
  }

  /** Records each group has yet to process. */
  lag(): { group: string; lag: number }[] {
    const last = this.log.lastOffset();
    return this.processors.map((p) => ({ group: p.group, lag: last - this.log.committed(p.group) }));
  }

  private schedule(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    if (!this.running) return;
    let processed = 0;
    try {
      processed = this.step();
    } catch (error) {
      this.options.onError?.('runner', error);
    }
    if (processed > 0) this.schedule();
    else this.timer = setTimeout(() => this.tick(), this.pollMs);
  }
}
