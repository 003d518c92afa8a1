// A few simulated users who keep watching in real time while the demo runs, so whoever opens it
// finds trending videos, live counters and an event stream already moving. They use the engine
// the way the app does (feed, then events) and the same behaviour model as the simulator.
import type { Event } from '../core/index.js';
import { newRequestId, hash32 } from '../core/index.js';
import type { Engine } from '../engine/index.js';
import { appeal, BEHAVIOUR, newOutcome, recordExposure, sampleView, type ViewOutcome } from './behaviour.js';
import { EventIds, viewEvents } from './events.js';
import { HttpFeedPolicy } from './policies/http.js';
import type { Policy, Recommendation } from './policies/policy.js';
import { Rng } from '../core/index.js';
import { generateUsers, startSession, type SimUser } from './users.js';
import type { World } from './world.js';

export interface BackgroundOptions {
  /** The in-process engine (its processors running); or `url` of a server. */
  engine?: Engine;
  url?: string;
  apiKey?: string;
  world: World;
  users: number;
  seed: number;
  /** Pause between swipes (default 1500 ms); sessions pause 20 swipes' worth. */
  swipeDelayMs?: number;
  pageSize?: number;
  onError?: (error: unknown) => void;
}

export interface BackgroundUsers {
  stop(): Promise<void>;
}

/** The engine as a client sees it, on the real clock. */
class EngineClient implements Policy {
  readonly name = 'engine';
  constructor(private readonly engine: Engine) {}
  async recommend(userId: string, n: number): Promise<Recommendation> {
    const response = await this.engine.feed({ requestId: newRequestId(), userId, n, now: Date.now() });
    return { requestId: response.requestId, itemIds: response.items.map((i) => i.itemId) };
  }
  observe(events: readonly Event[]): void {
    this.engine.ingestor.ingestEvents(events);
  }
}

export function startBackgroundUsers(options: BackgroundOptions): BackgroundUsers {
  const client: Policy = options.engine
    ? new EngineClient(options.engine)
    : options.url
      ? new HttpFeedPolicy({
          baseUrl: options.url,
          apiKey: options.apiKey,
          upload: false,
          name: 'background',
        })
      : (() => {
          throw new Error('startBackgroundUsers needs an engine or a url');
        })();
  const { world } = options;
  const delay = options.swipeDelayMs ?? 1500;
  const pageSize = options.pageSize ?? 10;
  // A fresh prefix per start: the data directory outlives the process, and reused event ids
  // would be dropped as duplicates.
  const prefix = `bg${Date.now().toString(36)}-`;
  const users = generateUsers(world, { count: options.users, seed: options.seed, idPrefix: 'demo-bg-' });
  const ids = new EventIds(prefix, users.length);
  let stopped = false;
  const sleepers = new Set<() => void>();

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopped) return resolve();
      const wake = (): void => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const live = async (user: SimUser): Promise<void> => {
    const rng = new Rng(hash32(options.seed * 131 + user.index));
    const outcome = newOutcome();
    // Staggered, so the users do not swipe in lockstep.
    await sleep(rng.uniform(0, 4 * delay));
    while (!stopped) {
      try {
        await session(user, rng, outcome);
      } catch (error) {
        // One failed request (a restart, a full disk) must not end the user for good.
        if (!stopped) options.onError?.(error);
      }
      await sleep(delay * 20 * rng.uniform(0.5, 1.5));
    }
  };

  const session = async (user: SimUser, rng: Rng, outcome: ViewOutcome): Promise<void> => {
    const h = world.hidden;
    startSession(user, rng);
    while (!stopped) {
      const page = await client.recommend(user.id, pageSize, Date.now());
      if (page.itemIds.length === 0) return;
      for (let position = 0; position < page.itemIds.length && !stopped; position++) {
        const v = world.index.get(page.itemIds[position]!);
        if (v === undefined) continue;
        const creator = h.creator[v]!;
        const durationMs = h.durationMs[v]!;
        sampleView(rng, appeal(world, user, v), durationMs, !user.followed.has(creator), outcome);
        const item = world.items[v]!;
        const events: Event[] = [];
        // Stamped so the view ends now: nothing from the future reaches the engine.
        const start = Date.now() - outcome.watchMs;
        const view = {
          user,
          itemId: item.id,
          creatorId: item.creatorId,
          durationMs,
          requestId: page.requestId,
        };
        viewEvents(ids, { ...view, position, start }, outcome, events);
        await client.observe?.(events);
        recordExposure(world, user, v);
        if (outcome.follow) user.followed.add(creator);
        await sleep(delay * rng.uniform(0.5, 1.5));
        const s = user.session;
        if (s.swipes >= s.budget || (outcome.quickSkip && rng.chance(BEHAVIOUR.leaveAfterSkip))) return;
      }
    }
  };

  const loops = users.map((user) => live(user));

  return {
    async stop(): Promise<void> {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(loops);
    },
  };
}
