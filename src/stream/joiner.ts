// The sample joiner: each served item the user reacts to opens a pending sample (keyed by request
// and item) carrying what the feed served it with; the user's engagements that follow fill in its
// labels; when its window ends it is written to the sample store for the learner and the warehouse.
//
// Two clocks, on purpose. Labels count by event time (the user's own clock, so skew cancels out): an
// event later than the window, or than `closeAfterViewMs` after the view ended, is late. Closing is
// by log time (received_at, server clock): a record of the same partition received after a sample's
// close_at closes it, and so does the wall clock in `expire` once the joiner has read its partition
// to the end. Log time is in the log, so replaying it closes each sample before the same record as
// it did live; other users' client clocks in the partition cannot close a sample early.
import type { Config, Event } from '../core/index.js';
import { eventTime, type EventLog, type LogRecord } from '../log/index.js';
import type { CatalogStore, Db, SampleStore } from '../store/index.js';
import { JoinerState, type JoinerCounters, type PendingSample } from './joiner-state.js';
import type { Processor } from './processor.js';
import type { SignalReader } from './signals.js';

/** What the joiner needs of the log: whether it has read a partition to its end. */
export type JoinerLogView = Pick<EventLog, 'partitions' | 'committed' | 'endOffset'>;

export const JOINER_GROUP = 'joiner';

export class JoinerProcessor implements Processor {
  readonly group = JOINER_GROUP;
  private readonly state: JoinerState;
  /** Counter increments of the current call, written at its end (inside the transaction). */
  private delta: Partial<JoinerCounters> = {};
  /** Open samples, counted once per call when the cap is first checked. */
  private pendingCount: number | null = null;

  /**
   * Without `log` (tests driving `process` by hand), `expire` closes every due sample; with it, only
   * those of partitions the joiner has read to the end, so a replay is not closed by the clock.
   */
  constructor(
    db: Db,
    private readonly samples: SampleStore,
    private readonly signals: SignalReader,
    private readonly catalog: CatalogStore,
    private readonly config: Config['joiner'],
    private readonly log?: JoinerLogView,
  ) {
    this.state = new JoinerState(db);
  }

  process(records: readonly LogRecord[]): void {
    this.begin();
    const checked = new Map<number, number>(); // partition -> log time already closed up to
    for (const r of records) {
      if (r.receivedAt > (checked.get(r.partition) ?? -Infinity)) {
        this.closeDue(r.partition, r.receivedAt);
        checked.set(r.partition, r.receivedAt);
      }
      this.join(r);
    }
    this.end();
  }

  expire(now: number): void {
    this.begin();
    const partitions = this.log
      ? Array.from({ length: this.log.partitions }, (_, p) => p).filter(
          (p) => this.log!.committed(this.group, p) >= this.log!.endOffset(p),
        )
      : this.state.partitions();
    for (const p of partitions) this.closeDue(p, now);
    this.end();
  }

  /** The joiner's counters, as committed. */
  counters(): JoinerCounters {
    return this.state.counters();
  }

  /** Samples still open. */
  pending(): number {
    return this.state.count();
  }

  private begin(): void {
    this.delta = {};
    this.pendingCount = null;
  }

  /** The transaction this call wrote through failed: memory goes back to what was committed. */
  rollback(): void {
    this.state.reload();
    this.delta = {};
  }

  private end(): void {
    this.state.flush();
    this.state.addCounters(this.delta);
    this.delta = {};
  }

  private count(name: keyof JoinerCounters): void {
    this.delta[name] = (this.delta[name] ?? 0) + 1;
  }

  private join(r: LogRecord): void {
    const e = r.event;
    const ts = eventTime(r);
    if (e.itemId) {
      const p = this.sampleFor(r, e.itemId, ts);
      if (p) {
        if (ts > p.dueTs) this.count('late');
        else {
          this.apply(p, e, ts, r.receivedAt);
          this.state.save(p);
        }
      }
    }
    if (e.type === 'follow') this.followCreator(e, ts);
  }

  /** The open sample the event belongs to (opened now if need be); undefined if it has none. */
  private sampleFor(r: LogRecord, itemId: string, ts: number): PendingSample | undefined {
    const { requestId, userId } = r.event;
    if (requestId === undefined) {
      const p = this.state.latestFor(userId, itemId);
      if (!p) this.count('unjoined');
      return p;
    }
    // An open sample has not been written (its row goes when it is), so memory answers first.
    const pending = this.state.get(requestId, itemId);
    if (pending) return pending;
    if (this.samples.has(requestId, itemId)) {
      this.count('late');
      return undefined;
    }
    return this.open(r, requestId, itemId, ts);
  }

  private open(r: LogRecord, requestId: string, itemId: string, ts: number): PendingSample {
    this.pendingCount ??= this.state.count();
    while (this.pendingCount >= this.config.maxPending) {
      const oldest = this.state.oldest();
      if (!oldest) break;
      this.count('evicted');
      this.close(oldest, r.receivedAt);
    }
    this.pendingCount += 1;
    this.count('opened');
    const userId = r.event.userId;
    return {
      id: r.partition * 2 ** 40 + r.offset,
      requestId,
      itemId,
      userId,
      partition: r.partition,
      openedTs: ts,
      openedAt: r.receivedAt,
      dueTs: ts + this.config.windowMs,
      closeAt: r.receivedAt + this.config.windowMs,
      creatorId: this.catalog.get(itemId)?.item.creatorId ?? null,
      served: this.state.served(requestId, itemId, userId),
      labels: { watchRatio: 0, finished: false, likes: 0, shared: false, followed: false, quickSkip: false },
    };
  }

  private apply(p: PendingSample, e: Event, ts: number, receivedAt: number): void {
    p.served ??= this.state.served(p.requestId, p.itemId, p.userId);
    const l = p.labels;
    switch (e.type) {
      case 'watch':
      case 'skip': {
        const signal = this.signals.read(e);
        l.watchRatio = Math.max(l.watchRatio, signal.ratio);
        l.finished ||= signal.completed;
        if (e.type === 'skip') l.quickSkip = true;
        // The view is over: what the user does about it comes within seconds, or not at all.
        p.dueTs = Math.min(p.dueTs, ts + this.config.closeAfterViewMs);
        p.closeAt = Math.min(p.closeAt, receivedAt + this.config.closeAfterViewMs);
        break;
      }
      case 'like':
        l.likes += 1;
        break;
      case 'unlike':
        l.likes -= 1;
        break;
      case 'share':
        l.shared = true;
        break;
      case 'follow':
        if (e.creatorId === undefined || p.creatorId === null || e.creatorId === p.creatorId)
          l.followed = true;
        break;
      default:
        break;
    }
  }

  /** A follow counts for every open sample of the user showing that creator, after its impression. */
  private followCreator(e: Event, ts: number): void {
    const creatorId = e.creatorId ?? (e.itemId ? this.catalog.get(e.itemId)?.item.creatorId : undefined);
    if (creatorId === undefined) return;
    for (const p of this.state.ofUser(e.userId)) {
      if (p.creatorId !== creatorId || p.labels.followed) continue;
      if (ts < p.openedTs || ts > p.dueTs) continue;
      p.labels.followed = true;
      this.state.save(p);
    }
  }

  private closeDue(partition: number, before: number): void {
    for (const p of this.state.due(partition, before)) this.close(p, before);
  }

  /** Writes the sample (if its served row ever appeared) and forgets it. */
  private close(p: PendingSample, at: number): void {
    this.state.remove(p);
    if (this.pendingCount !== null) this.pendingCount -= 1;
    const served = p.served ?? this.state.served(p.requestId, p.itemId, p.userId);
    if (!served) {
      this.count('unserved');
      return;
    }
    const l = p.labels;
    const written = this.samples.write({
      requestId: p.requestId,
      userId: p.userId,
      itemId: p.itemId,
      servedAt: served.ts,
      closedAt: at,
      position: served.position,
      source: served.source,
      score: served.score,
      features: served.features,
      watchRatio: l.watchRatio,
      finished: l.finished,
      liked: l.likes > 0,
      shared: l.shared,
      followed: l.followed,
      quickSkip: l.quickSkip,
    });
    if (written) this.count('closed');
  }
}
