// Turns one simulated view into the events a real client would send: an impression, then a watch
// or a skip, plus the reactions, each stamped when it would have happened.
import type { Event, EventType } from '../core/index.js';
import type { ViewOutcome } from './behaviour.js';
import type { SimUser } from './users.js';

const COMMENTS = [
  '😂😂😂',
  'need part 2',
  'where is this?',
  'tutorial pls 🙏',
  'ok this is amazing',
  'jajaja',
  '最高',
];

export interface ViewContext {
  user: SimUser;
  itemId: string;
  creatorId: string;
  durationMs: number;
  requestId: string;
  position: number;
  /** When the video started playing, ms since the epoch. */
  start: number;
}

/** Unique, deterministic event ids: a run prefix, the user, and the user's own counter. */
export class EventIds {
  private readonly counters: Uint32Array;
  constructor(
    private readonly prefix: string,
    users: number,
  ) {
    this.counters = new Uint32Array(users);
  }
  next(user: SimUser): string {
    const n = (this.counters[user.index] = this.counters[user.index]! + 1);
    return `${this.prefix}${user.id}-${n}`;
  }
}

/** Appends the view's events to `out`, in timestamp order. */
export function viewEvents(ids: EventIds, view: ViewContext, outcome: ViewOutcome, out: Event[]): void {
  const { user, itemId, requestId, position, start } = view;
  const make = (type: EventType, at: number): Event => ({
    id: ids.next(user),
    type,
    userId: user.id,
    itemId,
    timestamp: new Date(Math.round(at)).toISOString(),
    requestId,
    position,
    context: user.context,
  });
  out.push(make('impression', start));
  // Reactions come while watching, most often near the end of the first play.
  const firstPlayEnd = start + Math.min(outcome.watchMs, view.durationMs);
  const reactAt = start + 0.8 * (firstPlayEnd - start);
  if (outcome.like) out.push(make('like', reactAt));
  if (outcome.comment)
    out.push({ ...make('comment', reactAt + 1), text: COMMENTS[position % COMMENTS.length]! });
  if (outcome.share) out.push(make('share', reactAt + 2));
  if (outcome.follow) {
    // The item stays on the event: the app knows which video won the follow.
    out.push({ ...make('follow', reactAt + 3), creatorId: view.creatorId });
  }
  if (outcome.notInterested)
    out.push({ ...make('not_interested', start + outcome.watchMs), reason: 'not_for_me' });
  const end = make(outcome.quickSkip ? 'skip' : 'watch', start + outcome.watchMs);
  end.watchMs = outcome.watchMs;
  end.durationMs = view.durationMs;
  if (!outcome.quickSkip) end.loops = outcome.loops;
  out.push(end);
}
