// One user working through one page of a feed: each video is watched (or skipped) according to
// the behaviour model, the client's events are written, and fatigue builds up.
import type { Event } from '../core/index.js';
import { appeal, BEHAVIOUR, recordExposure, sampleView, type ViewOutcome } from './behaviour.js';
import { viewEvents, type EventIds } from './events.js';
import type { Metrics } from './metrics.js';
import type { Recommendation } from './policies/policy.js';
import type { Rng } from '../core/index.js';
import type { SimUser } from './users.js';
import type { World } from './world.js';

/** The time a swipe gesture and the next video's first frame take. */
export const SWIPE_GAP_MS = 300;

export interface PageContext {
  world: World;
  user: SimUser;
  /** The user's own stream for view outcomes, so other users' pages do not shift it. */
  rng: Rng;
  ids: EventIds;
  /** Events are appended here. */
  events: Event[];
  outcome: ViewOutcome;
  metrics?: Metrics;
  firstSession?: boolean;
  /** Called after each view, e.g. by the real-time background users to pace themselves. */
  onView?: (video: number, outcome: ViewOutcome) => void;
}

export interface PageResult {
  /** When the user is done with this page, ms since the epoch. */
  end: number;
  sessionOver: boolean;
  views: number;
}

export function watchPage(ctx: PageContext, page: Recommendation, start: number): PageResult {
  const { world, user, rng, outcome } = ctx;
  const h = world.hidden;
  const s = user.session;
  let t = start;
  let views = 0;
  if (page.itemIds.length === 0) return { end: t, sessionOver: true, views };
  const shown = Math.min(page.itemIds.length, page.limit ?? Infinity);
  for (let position = 0; position < shown; position++) {
    if (s.swipes >= s.budget) return { end: t, sessionOver: true, views };
    const v = world.index.get(page.itemIds[position]!);
    if (v === undefined) {
      // Not a video of this world: a server may hold another catalog too.
      if (ctx.metrics) ctx.metrics.unknownItems += 1;
      continue;
    }
    const creator = h.creator[v]!;
    const durationMs = h.durationMs[v]!;
    sampleView(rng, appeal(world, user, v), durationMs, !user.followed.has(creator), outcome);
    viewEvents(
      ctx.ids,
      {
        user,
        itemId: world.items[v]!.id,
        creatorId: world.items[v]!.creatorId,
        durationMs,
        requestId: page.requestId,
        position,
        start: t,
      },
      outcome,
      ctx.events,
    );
    ctx.metrics?.record(user.index, ctx.firstSession ?? false, v, creator, durationMs, outcome, t);
    recordExposure(world, user, v);
    if (outcome.follow) user.followed.add(creator);
    ctx.onView?.(v, outcome);
    page.afterView?.(position, {
      video: v,
      watchRatio: outcome.watchMs / durationMs,
      quickSkip: outcome.quickSkip,
      liked: outcome.like,
    });
    views += 1;
    t += outcome.watchMs + SWIPE_GAP_MS;
    if (outcome.quickSkip && rng.chance(BEHAVIOUR.leaveAfterSkip))
      return { end: t, sessionOver: true, views };
  }
  return { end: t, sessionOver: s.swipes >= s.budget, views };
}
