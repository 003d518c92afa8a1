// The real foryou feed, in process: an Engine over its own data directory whose clock the
// simulation moves, with the stream processors and the ranking model's learner driven by hand after
// every batch of events, so a run is exactly reproducible (nothing depends on wall-clock timers).
import type { Event, EventContext } from '../../core/index.js';
import { MAX_SOURCE_TIMEOUT_MS, ManualClock, parseConfig, type ConfigInput } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import type { World } from '../world.js';
import { RequestIds, type Policy, type Recommendation } from './policy.js';

export interface FeedPolicyOptions {
  dataDir: string;
  /** Overrides of the engine configuration (an experiment arm, say); dataDir is ours. */
  config?: ConfigInput;
  name?: string;
  /** Prefix of request ids, so several runs can share one engine. */
  requestPrefix?: string;
}

const BATCH = 1000;

export class FeedPolicy implements Policy {
  readonly name: string;
  readonly engine: Engine;
  private readonly clock: ManualClock;
  private readonly ids: RequestIds;
  private lastTrained = -Infinity;

  constructor(options: FeedPolicyOptions) {
    this.name = options.name ?? 'feed';
    this.clock = new ManualClock(0);
    const config = parseConfig({
      ...options.config,
      dataDir: options.dataDir,
      // A simulation's data directory is scratch: fsync on every commit only costs time.
      store: { synchronous: 'normal', ...options.config?.store },
    });
    // Time budgets are wall-clock: a search on a worker thread that answers late on a busy machine
    // would drop its source from that page, and the run would depend on the machine. A simulation
    // measures what the feed serves, not how fast (bench/ does that), so it waits for every source.
    for (const source of Object.values(config.feed.sources)) source.timeoutMs = MAX_SOURCE_TIMEOUT_MS;
    this.engine = new Engine(config, { clock: this.clock, startProcessors: false });
    this.ids = new RequestIds(options.requestPrefix ?? 'feed-');
  }

  /** Moves the engine's clock forward to `t`, never back (requests in a batch may be older). */
  private advance(t: number): void {
    if (t > this.clock.now()) this.clock.set(t);
  }

  async prepare(world: World): Promise<void> {
    this.advance(world.now);
    this.engine.ingestor.upsertCreators(world.creators);
    for (let i = 0; i < world.items.length; i += 5000)
      this.engine.ingestor.upsertItems(world.items.slice(i, i + 5000));
    this.engine.maintain();
    // A catalog past the exact-scan size gets its content index built on a worker thread: the
    // simulation waits for it, and for every later build, so that what it serves does not depend
    // on how fast that thread is (a server serves on without the new index meanwhile).
    await this.engine.spaces.settled();
  }

  async recommend(userId: string, n: number, at: number, context?: EventContext): Promise<Recommendation> {
    // The engine keeps times as integer milliseconds (SQLite INTEGER columns).
    const now = Math.round(at);
    this.advance(now);
    const request = { requestId: this.ids.next(), userId, n, now, ...(context ? { context } : {}) };
    const response = await this.engine.feed(request);
    return { requestId: response.requestId, itemIds: response.items.map((i) => i.itemId) };
  }

  async observe(events: readonly Event[]): Promise<void> {
    if (events.length === 0) return;
    let latest = 0;
    for (const e of events) latest = Math.max(latest, Date.parse(e.timestamp));
    this.advance(latest);
    // What was served is written by a wall-clock timer in a server; here, before the events that
    // follow it, so the joiner finds every served row and the run stays reproducible.
    this.engine.served.flush();
    for (let i = 0; i < events.length; i += BATCH)
      this.engine.ingestor.ingestEvents(events.slice(i, i + BATCH));
    this.engine.runner.drain();
    this.engine.maintain();
    // The online ranking model learns the samples the joiner closed, publishing on the simulation's
    // clock every learner.publishEveryMs, as a server's learner would (here in process, reproducibly).
    if (this.engine.config.learner.enabled) this.engine.learn();
    // Batch training on the simulation's clock (configuration train.everyMs), in process.
    const every = this.engine.config.train.everyMs;
    if (every > 0 && this.clock.now() - this.lastTrained >= every) {
      this.lastTrained = this.clock.now();
      this.engine.train(); // and starts building the new embedding model's index
    }
    await this.engine.spaces.settled();
  }

  close(): void {
    this.engine.close();
  }
}
