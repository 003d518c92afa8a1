// @foryou/client: the foryou SDK for browsers and Node.
export { ForYou, type ForYouOptions, type ViewEnded } from './foryou.js';
export { EventQueue, type EventQueueOptions, type QueueStats, type StorageLike } from './event-queue.js';
export { FeedClient, withRetry, type FeedOptions, type RetryOptions } from './feed-client.js';
export { OnDeviceFeed, type OnDeviceFeedOptions, type Shown } from './on-device-feed.js';
export {
  SessionSignals,
  clientScores,
  itemTopics,
  rerank,
  type ClientModel,
  type ClientModelWeights,
  type RerankCandidate,
  type SessionView,
} from './rerank.js';
export { Transport, HttpError, isRetriable, type FetchLike, type TransportOptions } from './transport.js';
export {
  WatchTracker,
  type ViewMeasure,
  type VisibilitySource,
  type WatchTrackerOptions,
} from './watch-tracker.js';
export type {
  ClientEvent,
  EventContext,
  EventType,
  Explanation,
  FeedItem,
  FeedPage,
  Item,
  Problem,
} from './types.js';
