// The wire shapes the SDK speaks, mirroring the engine's API (docs/API.md). Kept here, not imported
// from the engine, so the SDK has no dependency and runs in any browser or Node.

export type EventType =
  | 'impression'
  | 'watch'
  | 'skip'
  | 'like'
  | 'unlike'
  | 'share'
  | 'comment'
  | 'follow'
  | 'unfollow'
  | 'not_interested'
  | 'report';

export interface EventContext {
  os?: string;
  deviceModel?: string;
  appVersion?: string;
  network?: string;
  locale?: string;
  timezone?: string;
}

/** One event as `POST /v1/events` takes it. `id` is the idempotency key. */
export interface ClientEvent {
  id: string;
  type: EventType;
  userId: string;
  itemId?: string;
  creatorId?: string;
  timestamp: string;
  requestId?: string;
  position?: number;
  watchMs?: number;
  durationMs?: number;
  loops?: number;
  text?: string;
  reason?: string;
  context?: EventContext;
}

export interface Item {
  id: string;
  creatorId: string;
  caption?: string;
  hashtags?: string[];
  topics?: string[];
  soundId?: string;
  durationMs: number;
  createdAt: string;
  language?: string;
  region?: string;
  mediaUrl?: string;
  posterUrl?: string;
}

/** Why the engine ranked an item where it did (`explain=true`; absent on older engines). */
export interface Explanation {
  sources: string[];
  sourceRank: number;
  contributions: { name: string; value: number }[];
  reasons: string[];
}

export interface FeedItem {
  itemId: string;
  position: number;
  source: string;
  score: number;
  item: Item;
  /** Compact features for on-device re-ranking (the model's head scores), with `extra`. */
  features?: Record<string, number>;
  explanation?: Explanation;
}

export interface FeedPage {
  requestId: string;
  userId: string;
  items: FeedItem[];
}

/** An RFC 9457 problem as the engine sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; rule: string; message: string }[];
}
