// The composition root: opens the store in the data directory and wires log, processors, ingest
// and the feed pipeline together. One engine is one process's whole foryou.
import type { Clock, Config, FeedRequest, FeedResponse, PipelineObserver } from '../core/index.js';
import { systemClock } from '../core/index.js';
import { Ingestor } from '../ingest/index.js';
import { SqliteEventLog, type EventLog } from '../log/index.js';
import { FeedPipeline, defaultPipelineConfig } from '../pipeline/index.js';
import {
  CatalogStore,
  Checkpointer,
  ItemStatsStore,
  SeenStore,
  ServedStore,
  UserStore,
  openDb,
  type Db,
} from '../store/index.js';
import { EngagementProcessor, SeenProcessor, StreamRunner } from '../stream/index.js';

const SERVED_RETENTION_MS = 7 * 24 * 3_600_000;

export interface EngineOptions {
  clock?: Clock;
  observer?: PipelineObserver;
  /** Run the stream processors and the WAL checkpointer in the background (default true); tests may
   * drive processors by hand, and one-shot commands (import) need neither. */
  startProcessors?: boolean;
  onProcessorError?: (group: string, error: unknown) => void;
}

export class Engine {
  readonly db: Db;
  readonly log: EventLog;
  readonly catalog: CatalogStore;
  readonly users: UserStore;
  readonly stats: ItemStatsStore;
  readonly seen: SeenStore;
  readonly served: ServedStore;
  readonly ingestor: Ingestor;
  readonly runner: StreamRunner;
  readonly pipeline: FeedPipeline;
  readonly clock: Clock;
  private timers: NodeJS.Timeout[] = [];
  private checkpointer: Checkpointer | null = null;
  private closed = false;

  constructor(
    readonly config: Config,
    options: EngineOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.db = openDb(config.dataDir, { synchronous: config.store.synchronous });
    this.log = new SqliteEventLog(this.db);
    this.catalog = new CatalogStore(this.db);
    this.users = new UserStore(this.db);
    this.stats = new ItemStatsStore(this.db, config.feed.trendingHalfLifeMs);
    this.seen = new SeenStore(this.db);
    this.served = new ServedStore(this.db, config.feed.servedTtlMs);
    this.ingestor = new Ingestor({
      db: this.db,
      log: this.log,
      users: this.users,
      catalog: this.catalog,
      config,
      clock: this.clock,
    });
    this.runner = new StreamRunner(
      this.db,
      this.log,
      [new EngagementProcessor(this.stats, this.catalog, config.eventWeights), new SeenProcessor(this.seen)],
      { onError: options.onProcessorError },
    );
    this.pipeline = new FeedPipeline(defaultPipelineConfig(this, config.feed), options.observer);
    if (options.startProcessors ?? true) {
      this.checkpointer = new Checkpointer(this.db, 1000, (e) =>
        options.onProcessorError?.('checkpointer', e),
      );
      this.runner.start();
      // Pick up catalog changes written by other processes sharing the data directory (imports).
      this.every(1000, () => this.catalog.refresh());
      // Served lists matter for the served-recently hold and, later, for joining samples; a week
      // covers both, and keeps the table from growing without bound.
      this.every(60_000, () => this.served.prune(this.clock.now() - SERVED_RETENTION_MS));
    }
  }

  private every(ms: number, work: () => void): void {
    const timer = setInterval(work, ms);
    timer.unref();
    this.timers.push(timer);
  }

  feed(request: FeedRequest): Promise<FeedResponse> {
    return this.pipeline.run(request);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.runner.stop();
    this.checkpointer?.stop();
    this.served.flush();
    this.db.close();
  }
}
