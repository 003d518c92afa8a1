// The composition root: opens the store in the data directory and wires log, processors, ingest
// and the feed pipeline together. One engine is one process's whole foryou.
import type { Clock, Config, FeedRequest, FeedResponse, PipelineObserver } from '../core/index.js';
import { systemClock } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { ExperimentService, type ArmConfig } from '../experiments/index.js';
import { EventWriter, Ingestor } from '../ingest/index.js';
import { SqliteEventLog, type EventLog } from '../log/index.js';
import { FeedPipeline, defaultPipelineConfig } from '../pipeline/index.js';
import { ModelRegistry, RANKER_MODEL } from '../models/index.js';
import { RankerModel } from '../rank/index.js';
import { QualityPools, VectorSpaces } from '../recall/index.js';
import { TrafficPools, trafficPoolOptions } from '../rerank/index.js';
import type { TrainResult } from '../warehouse/index.js';
import { registryDir, trainEmbedding } from './train.js';
import { learnerOptions } from './learn.js';
import {
  CatalogStore,
  Checkpointer,
  CoVisitStore,
  ItemStatsStore,
  ItemWindowsStore,
  ProfileStore,
  SampleStore,
  SeenStore,
  ServedStore,
  UserStore,
  WriteLock,
  openDb,
  type Db,
} from '../store/index.js';
import {
  CoVisitProcessor,
  EngagementProcessor,
  JoinerProcessor,
  ProfileProcessor,
  ProfileUpdater,
  SeenProcessor,
  OnlineLearner,
  SignalReader,
  StreamRunner,
  type LearnerStep,
} from '../stream/index.js';

const SERVED_RETENTION_MS = 7 * 24 * 3_600_000;
/**
 * The quality pools move slowly (smoothed lifetime rates) and a rebuild holds the event loop for
 * tens of milliseconds at 10,000 videos: once a minute, or 10 s after a catalog change.
 */
const QUALITY_REBUILD_MS = 60_000;
const QUALITY_CATALOG_CHANGE_MS = 10_000;

export interface EngineOptions {
  clock?: Clock;
  observer?: PipelineObserver;
  /** Run the stream processors, the event writer and the WAL checkpointer in the background
   * (default true); tests may drive processors by hand, and one-shot commands (import) need none. */
  startProcessors?: boolean;
  onProcessorError?: (group: string, error: unknown) => void;
}

export class Engine {
  readonly db: Db;
  readonly log: EventLog;
  readonly catalog: CatalogStore;
  readonly users: UserStore;
  readonly stats: ItemStatsStore;
  readonly windows: ItemWindowsStore;
  readonly seen: SeenStore;
  readonly served: ServedStore;
  readonly profiles: ProfileStore;
  readonly coVisits: CoVisitStore;
  readonly samples: SampleStore;
  readonly joiner: JoinerProcessor;
  readonly qualityPools: QualityPools;
  /**
   * New-video traffic pools, rebuilt by `maintain` while serving (every few seconds, off the
   * request path: about 9 ms at 100,000 videos); absent otherwise, when the pipeline keeps its own.
   */
  readonly trafficPools?: TrafficPools;
  readonly labeller: ItemLabeller;
  /** Catalog size the content models were last learned from; -1 before the first maintenance. */
  private contentFittedOn = -1;
  readonly registry: ModelRegistry;
  readonly spaces: VectorSpaces;
  /** The learned ranking model served, following the registry (a learner elsewhere publishes it). */
  readonly ranker: RankerModel;
  /** The learner, when this process steps it itself (`learn`); a server runs it in a child. */
  private learner: OnlineLearner | null = null;
  readonly signals: SignalReader;
  readonly ingestor: Ingestor;
  /** Writes served event batches off the serving thread; only when background work runs. */
  private readonly writer: EventWriter | null;
  readonly runner: StreamRunner;
  /** The base configuration's pipeline; experiment arms get their own (`pipelineFor`). */
  readonly pipeline: FeedPipeline;
  readonly experiments: ExperimentService;
  private readonly armPipelines = new Map<string, FeedPipeline>();
  /** Ranker holders of the versions arms pin, by version (rankerModel). */
  private readonly pinnedRankers = new Map<number, RankerModel>();
  private readonly observer: PipelineObserver | undefined;
  readonly clock: Clock;
  private timers: NodeJS.Timeout[] = [];
  private checkpointer: Checkpointer | null = null;
  private closed = false;
  private readonly onError: (what: string, error: unknown) => void;

  constructor(
    readonly config: Config,
    options: EngineOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.onError = options.onProcessorError ?? (() => undefined);
    this.db = openDb(config.dataDir, { synchronous: config.store.synchronous });
    this.log = new SqliteEventLog(this.db);
    this.catalog = new CatalogStore(this.db);
    this.users = new UserStore(this.db);
    this.stats = new ItemStatsStore(this.db, config.feed.trendingHalfLifeMs, this.catalog);
    this.seen = new SeenStore(this.db);
    this.served = new ServedStore(this.db, config.feed.servedTtlMs);
    this.profiles = new ProfileStore(this.db);
    this.samples = new SampleStore(this.db);
    this.coVisits = new CoVisitStore(this.db, config.profile.halfLifeMs, config.profile.coVisitNeighbours);
    const r = config.feed.recall;
    this.windows = new ItemWindowsStore(this.db, { qualityPriorPlays: r.qualityPriorPlays });
    this.labeller = new ItemLabeller();
    this.qualityPools = new QualityPools(this.catalog, this.stats, this.labeller, {
      priorPlays: r.qualityPriorPlays,
      likeWeight: r.qualityLikeWeight,
      shareWeight: r.qualityShareWeight,
      poolSize: r.qualityPoolSize,
    });
    const background = options.startProcessors ?? true;
    if (background)
      this.trafficPools = new TrafficPools(this.catalog, this.stats, trafficPoolOptions(config.feed.rerank));
    // The event writer's thread and this one's stream steps hand the write lock over between them.
    const writeLock = background ? new WriteLock() : undefined;
    this.writer = writeLock
      ? new EventWriter({
          dataDir: config.dataDir,
          synchronous: config.store.synchronous,
          lock: writeLock,
          onCommitted: () => this.runner.wake(),
        })
      : null;
    this.ingestor = new Ingestor({
      db: this.db,
      log: this.log,
      users: this.users,
      catalog: this.catalog,
      config,
      clock: this.clock,
      writer: this.writer,
    });
    const signals = new SignalReader(this.catalog, config.eventWeights, config.profile);
    this.signals = signals;
    this.registry = new ModelRegistry(registryDir(config.dataDir));
    this.spaces = new VectorSpaces(this.catalog, this.registry, (what, e) =>
      options.onProcessorError?.(what, e),
    );
    this.ranker = this.rankerModel(config.feed.rankerVersion);
    this.joiner = new JoinerProcessor(this.db, this.samples, signals, this.catalog, config.joiner, this.log);
    this.runner = new StreamRunner(
      this.db,
      this.log,
      [
        new EngagementProcessor(this.stats, signals, this.windows),
        new ProfileProcessor(
          this.profiles,
          new ProfileUpdater(this.catalog, signals, this.labeller, config.profile),
        ),
        new CoVisitProcessor(this.db, this.coVisits, signals, config.profile),
        new SeenProcessor(this.seen),
        this.joiner,
      ],
      { onError: options.onProcessorError, now: () => this.clock.now(), lock: writeLock },
    );
    this.observer = options.observer;
    this.pipeline = new FeedPipeline(
      defaultPipelineConfig(this, config.feed, config.learner),
      options.observer,
    );
    this.experiments = new ExperimentService(
      this.db,
      config,
      this.log,
      (e) => signals.read(e).completed,
      (version) => this.registry.list(RANKER_MODEL).some((m) => m.version === version),
    );
    if (background) {
      this.maintain(); // the serving state, before the first request
      this.checkpointer = new Checkpointer(this.db, 1000, (e) =>
        options.onProcessorError?.('checkpointer', e),
      );
      this.runner.start();
      // Pick up catalog changes written by other processes sharing the data directory (imports).
      this.every(1000, () => this.maintain({ serving: true }));
      // Served lists matter for the served-recently hold and, later, for joining samples; a week
      // covers both, and keeps the table from growing without bound.
      this.every(60_000, () => this.served.prune(this.clock.now() - SERVED_RETENTION_MS));
      const { retentionMs } = config.log;
      // A bounded bite each second, so retention never holds the event loop for long.
      if (retentionMs > 0) this.every(1000, () => this.log.retain(this.clock.now() - retentionMs, 20_000));
    }
  }

  /** Background work; a failure is reported and retried at the next tick, never thrown at the loop. */
  private every(ms: number, work: () => void): void {
    const timer = setInterval(() => {
      try {
        work();
      } catch (error) {
        this.onError('maintenance', error);
      }
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /**
   * Builds and then keeps up to date the derived serving state: the catalog with other processes'
   * writes, the content models (topic labels, content vectors) learned from the catalog at the
   * first call and again whenever it has doubled, the quality pools when they are older than
   * their period, the traffic pools (while serving) when stale, the content vectors of new videos,
   * and the embedding model when a new version is registered. A serving engine calls it at start
   * and every second; one-shot commands (import) never, so they pay for none of it; a simulation
   * with a manual clock calls it after each batch.
   * `serving`: requests are being answered meanwhile, so long rebuilds go in slices between them
   * (the quality pools); otherwise everything is up to date when it returns.
   */
  maintain({ serving = false }: { serving?: boolean } = {}): void {
    const now = this.clock.now();
    this.catalog.refresh();
    const fitted = this.contentFittedOn;
    if (fitted < 0 || this.catalog.size >= 2 * Math.max(fitted, 500)) {
      const items = [...this.catalog.all()].map((e) => e.item);
      this.labeller.fit(items);
      this.spaces.refitContent(items);
      this.contentFittedOn = items.length;
    }
    if (this.qualityPools.stale(now, QUALITY_REBUILD_MS, QUALITY_CATALOG_CHANGE_MS)) {
      if (serving) this.qualityPools.rebuildInSlices(now, (error) => this.onError('quality pools', error));
      else this.qualityPools.rebuild(now);
    }
    if (this.trafficPools?.stale(now)) this.trafficPools.rebuild(now);
    this.spaces.maintain(now);
    this.ranker.maintain(now);
    for (const pinned of this.pinnedRankers.values()) pinned.maintain(now);
    if (this.experiments.refresh()) {
      this.armPipelines.clear();
      this.pinnedRankers.clear();
    }
  }

  /**
   * Learns the samples joined since the last call, in this thread, publishing a ranker version when
   * one is due (`publish` forces it), and serves the newest version. For simulations and tests; a
   * server runs the learner in a child process (`foryou learn`).
   */
  learn(publish = false): LearnerStep {
    const now = this.clock.now();
    this.learner ??= new OnlineLearner(
      this.samples,
      this.registry,
      learnerOptions(this.config, this.onError),
    );
    const step = this.learner.step(now);
    const published = publish && !step.published ? this.learner.publish(now) : step.published;
    this.ranker.maintain(now, true);
    return { learned: step.learned, published };
  }

  /**
   * Trains the embedding model on the log, in this thread, registers it and serves it. For
   * one-shot commands and simulations; a server trains in a child process (cli/periodic-command.ts).
   */
  train(): TrainResult {
    const result = trainEmbedding(this.log, this.signals, this.registry, this.config.train, this.clock.now());
    this.spaces.pollModels(true);
    return result;
  }

  /**
   * The user's next page, from the pipeline their experiment arms configure; the arms are in the
   * response, and the user's first request in each experiment is logged as its exposure.
   */
  async feed(request: FeedRequest): Promise<FeedResponse> {
    const assignments = this.experiments.assign(request.userId);
    if (assignments.length === 0) return this.pipeline.run(request);
    const response = await this.pipelineFor(this.experiments.configFor(assignments)).run(request);
    if (!request.dryRun) this.experiments.expose(request.userId, assignments, request.now);
    return { ...response, experiments: assignments.map(({ experiment, arm }) => ({ experiment, arm })) };
  }

  /**
   * The ranking model served: the newest version (0), or the one version given, loaded now and
   * shared by every arm that pins it. A pinned version that failed to load is retried by
   * maintain(), as the newest is.
   */
  private rankerModel(version: number): RankerModel {
    if (version === 0) return new RankerModel(this.registry, { onError: this.onError });
    let pinned = this.pinnedRankers.get(version);
    if (!pinned) {
      pinned = new RankerModel(this.registry, { onError: this.onError, version });
      pinned.maintain(this.clock.now(), true);
      this.pinnedRankers.set(version, pinned);
    }
    return pinned;
  }

  /** One pipeline per distinct configuration served, built on first use. */
  private pipelineFor({ key, config }: ArmConfig): FeedPipeline {
    if (key === '') return this.pipeline;
    let pipeline = this.armPipelines.get(key);
    if (!pipeline) {
      const { rankerVersion } = config.feed;
      // An arm pinning a model version gets its own holder of that version; the rest share ours.
      const ranker =
        rankerVersion === this.config.feed.rankerVersion ? this.ranker : this.rankerModel(rankerVersion);
      const stores = { ...this, ranker };
      pipeline = new FeedPipeline(defaultPipelineConfig(stores, config.feed, config.learner), this.observer);
      this.armPipelines.set(key, pipeline);
    }
    return pipeline;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.runner.stop();
    this.writer?.close();
    this.spaces.close();
    this.checkpointer?.stop();
    this.served.flush();
    this.experiments.close();
    this.db.close();
  }
}
