// The SDK's front door: one object per user session that turns what the app sees into events.
// `show(video)` starts a view (an impression), the next `show` or `end()` closes it (a watch with
// its measured time and loops, or a skip), and likes, shares, comments, follows and "not
// interested" are one call each. Events go through the retried, persisted queue; on pagehide what
// is pending leaves with sendBeacon.
import { EventQueue, type StorageLike } from './event-queue.js';
import { FeedClient, type RetryOptions } from './feed-client.js';
import { OnDeviceFeed } from './on-device-feed.js';
import { itemTopics } from './rerank.js';
import { Transport, type FetchLike } from './transport.js';
import type { ClientEvent, EventContext, EventType, FeedItem } from './types.js';
import { WatchTracker, type ViewMeasure, type VisibilitySource } from './watch-tracker.js';

export interface ForYouOptions {
  userId: string;
  baseUrl?: string;
  apiKey?: string;
  fetch?: FetchLike;
  context?: EventContext;
  batchSize?: number;
  flushIntervalMs?: number;
  retry?: RetryOptions;
  /** Defaults to localStorage in a browser, none in Node. */
  storage?: StorageLike | null;
  /** Defaults to `document` in a browser. */
  visibility?: VisibilitySource | null;
  now?: () => number;
  /** Listen for pagehide and send pending events with sendBeacon (default: in a browser). */
  flushOnPageHide?: boolean;
  onRejected?: (events: ClientEvent[], error: Error) => void;
  onRetry?: (error: unknown, attempt: number) => void;
}

interface Viewing {
  shown: { requestId: string; feedItem: FeedItem; index: number };
  liked: boolean;
}

/** What ended with a view, for the app and the on-device re-ranker. */
export interface ViewEnded extends ViewMeasure {
  liked: boolean;
}

function randomId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID().replace(/-/g, '').slice(0, 16);
  return Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
}

type BrowserGlobals = {
  localStorage?: StorageLike;
  document?: VisibilitySource;
  navigator?: { sendBeacon?: (url: string, body: Blob) => boolean };
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
};

export class ForYou {
  readonly transport: Transport;
  readonly events: EventQueue;
  readonly feedClient: FeedClient;
  readonly tracker: WatchTracker;
  readonly userId: string;
  /** Prefix of this session's event ids: unique per session, so ids never collide across devices. */
  readonly sessionId = randomId();
  private seq = 0;
  private viewing: Viewing | null = null;
  private readonly now: () => number;
  private readonly g = globalThis as unknown as BrowserGlobals;
  private readonly onPageHide = (): void => this.flushOnExit();

  constructor(private readonly options: ForYouOptions) {
    this.userId = options.userId;
    this.now = options.now ?? (() => Date.now());
    this.transport = new Transport(options);
    const storage = options.storage === undefined ? this.browserStorage() : options.storage;
    const beacon = this.g.navigator?.sendBeacon?.bind(this.g.navigator) ?? null;
    this.events = new EventQueue({
      transport: this.transport,
      batchSize: options.batchSize,
      flushIntervalMs: options.flushIntervalMs,
      storage,
      storageKey: `foryou:pending:${options.userId}`,
      beacon,
      onRejected: options.onRejected,
      onRetry: options.onRetry,
    });
    this.feedClient = new FeedClient(this.transport, options.retry);
    this.tracker = new WatchTracker({
      now: this.now,
      visibility: options.visibility === undefined ? (this.g.document ?? null) : options.visibility,
    });
    if (options.flushOnPageHide ?? typeof this.g.addEventListener === 'function')
      this.g.addEventListener?.('pagehide', this.onPageHide);
  }

  /** Events created so far in this session (acknowledged or not). */
  get emitted(): number {
    return this.seq;
  }

  /** An on-device re-ranking feed for this user. */
  feed(options: { n?: number; extra?: number; explain?: boolean } = {}): OnDeviceFeed {
    return new OnDeviceFeed({ feed: this.feedClient, userId: this.userId, ...options });
  }

  /** A video is on screen: closes the previous view and logs this one's impression. */
  show(shown: { requestId: string; feedItem: FeedItem; index: number }): ViewEnded | null {
    const ended = this.end();
    this.viewing = { shown, liked: false };
    this.tracker.begin(shown.feedItem.itemId, shown.feedItem.item.durationMs);
    this.emit('impression', {});
    return ended;
  }

  /** The view on screen ends (swipe, app closing): its watch or skip event. */
  end(): ViewEnded | null {
    const v = this.viewing;
    const measure = this.tracker.end();
    if (!v || !measure) return null;
    if (measure.quickSkip) this.emit('skip', { watchMs: measure.watchMs }, v);
    else
      this.emit(
        'watch',
        { watchMs: measure.watchMs, durationMs: measure.durationMs, loops: measure.loops },
        v,
      );
    this.viewing = null;
    return { ...measure, liked: v.liked };
  }

  like(): void {
    if (this.viewing) this.viewing.liked = true;
    this.emit('like', {});
  }
  share(): void {
    this.emit('share', {});
  }
  comment(text: string): void {
    this.emit('comment', { text });
  }
  follow(): void {
    const creatorId = this.viewing?.shown.feedItem.item.creatorId;
    if (creatorId) this.emit('follow', { creatorId });
  }
  notInterested(reason = 'not_for_me'): void {
    this.emit('not_interested', { reason });
  }

  /** Topics of the video on screen, as the re-ranker keys them. */
  currentTopics(): string[] {
    return this.viewing ? itemTopics(this.viewing.shown.feedItem.item) : [];
  }

  /** Sends pending events now and resolves once every one is acknowledged. */
  async flush(): Promise<void> {
    await this.events.flush();
    await this.events.drained();
  }

  /** The page is going away: close the view and beacon what is pending. */
  flushOnExit(): void {
    this.end();
    this.events.flushOnExit();
  }

  close(): void {
    this.g.removeEventListener?.('pagehide', this.onPageHide);
    this.tracker.close();
    this.events.close();
  }

  private emit(type: EventType, fields: Partial<ClientEvent>, viewing = this.viewing): void {
    if (!viewing) return;
    const { requestId, feedItem, index } = viewing.shown;
    this.seq += 1;
    this.events.push({
      id: `${this.sessionId}-${this.seq}`,
      type,
      userId: this.userId,
      itemId: feedItem.itemId,
      timestamp: new Date(this.now()).toISOString(),
      requestId,
      position: index,
      ...(this.options.context ? { context: this.options.context } : {}),
      ...fields,
    });
  }

  private browserStorage(): StorageLike | null {
    try {
      return this.g.localStorage ?? null;
    } catch {
      return null; // storage disabled (privacy mode)
    }
  }
}
