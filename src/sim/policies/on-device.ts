// The real feed with on-device re-ranking, as the web app plays it: each page asks the engine for
// n + extra candidates, shows n, and after every view reorders the ones not yet shown with the
// client SDK's own re-ranker (@foryou/client `rerank`, the same code the browser runs) and the
// engine's client model. Compared with `feed` on the same world and users, it says whether
// re-ranking on the device raises watch time per session.
import { SessionSignals, rerank, type ClientModel } from '@foryou/client';
import { CLIENT_MODEL } from '../../rank/index.js';
import type { World } from '../world.js';
import { FeedPolicy, type FeedPolicyOptions } from './feed.js';
import type { Recommendation } from './policy.js';

export interface OnDevicePolicyOptions extends FeedPolicyOptions {
  /** Candidates beyond the page (default 5). */
  extra?: number;
  model?: ClientModel;
}

/** Views further apart than this start a new session on the device: its signals start afresh. */
const SESSION_GAP_MS = 10 * 60_000;

interface DeviceSession {
  signals: SessionSignals;
  lastAt: number;
}

export class OnDevicePolicy extends FeedPolicy {
  private readonly extra: number;
  private readonly model: ClientModel;
  private world: World | null = null;
  private readonly sessions = new Map<string, DeviceSession>();

  constructor(options: OnDevicePolicyOptions) {
    super({ ...options, name: options.name ?? 'on-device' });
    this.extra = options.extra ?? 5;
    this.model = options.model ?? CLIENT_MODEL;
  }

  override async prepare(world: World): Promise<void> {
    this.world = world;
    await super.prepare(world);
  }

  override async recommend(userId: string, n: number, at: number): Promise<Recommendation> {
    const world = this.world!;
    const page = await super.recommend(userId, n + this.extra, at);
    let session = this.sessions.get(userId);
    if (!session || at - session.lastAt > SESSION_GAP_MS) {
      session = { signals: new SessionSignals(this.model.decay), lastAt: at };
      this.sessions.set(userId, session);
    }
    const { signals } = session;
    const candidate = (itemId: string) => {
      const item = world.items[world.index.get(itemId) ?? -1];
      return { itemId, creatorId: item?.creatorId ?? '', topics: item?.topics ?? [] };
    };
    const ids = rerank(this.model, signals, page.itemIds.map(candidate)).map((c) => c.itemId);
    const s = session;
    return {
      requestId: page.requestId,
      itemIds: ids,
      limit: n,
      afterView: (position, view) => {
        const item = world.items[view.video]!;
        signals.observe({
          itemId: item.id,
          creatorId: item.creatorId,
          topics: item.topics ?? [],
          watchRatio: view.watchRatio,
          quickSkip: view.quickSkip,
          liked: view.liked,
        });
        s.lastAt = at;
        const rest = rerank(this.model, signals, ids.slice(position + 1).map(candidate));
        ids.splice(position + 1, rest.length, ...rest.map((c) => c.itemId));
      },
    };
  }
}
