// What the simulator needs from a recommender: a page of item ids for a user, and the events the
// user's swipes produced. The real engine (in process or over HTTP) and the baselines all fit.
import type { Event, EventContext } from '../../core/index.js';
import type { World } from '../world.js';

export interface Recommendation {
  requestId: string;
  itemIds: string[];
  /** Show at most this many (the rest were candidates for on-device re-ranking). */
  limit?: number;
  /** After each view: the client may reorder `itemIds` after `position` (on-device re-ranking). */
  afterView?: (position: number, view: ViewSeen) => void;
}

/** What a client on the device knows of a view once it ended. */
export interface ViewSeen {
  video: number;
  watchRatio: number;
  quickSkip: boolean;
  liked: boolean;
}

export interface Policy {
  readonly name: string;
  /** Loads the catalog where the policy needs it; called once before the first request. */
  prepare?(world: World): Promise<void> | void;
  /**
   * Up to `n` items for the user at sim time `now` (ms since the epoch), asked from the device
   * `context` describes (locale, network...), as an app sends it with its feed requests.
   */
  recommend(userId: string, n: number, now: number, context?: EventContext): Promise<Recommendation>;
  /** Events of the swipes since the last call: each user's in time order, users one after another. */
  observe?(events: readonly Event[]): Promise<void> | void;
  close?(): Promise<void> | void;
}

/** Per-user sets of video indices already shown: the baselines' "exclude seen" rule. */
export class SeenSets {
  private readonly sets = new Map<string, Set<number>>();

  get(userId: string): Set<number> {
    let set = this.sets.get(userId);
    if (!set) {
      set = new Set();
      this.sets.set(userId, set);
    }
    return set;
  }

  /** Marks the items of impression events as seen. */
  observe(world: World, events: readonly Event[]): void {
    for (const e of events) {
      if (e.type !== 'impression' || e.itemId === undefined) continue;
      const v = world.index.get(e.itemId);
      if (v !== undefined) this.get(e.userId).add(v);
    }
  }
}

/** Deterministic request ids for in-process policies, so two runs of one seed match exactly. */
export class RequestIds {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    this.n += 1;
    return `${this.prefix}r${this.n}`;
  }
}
