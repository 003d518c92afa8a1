// The feed as the device plays it: pages of n + extra candidates from the engine, of which n are
// shown; before each video the ones not yet shown are re-ranked with the session's signals. The
// next page is fetched while the last videos of this one play, so a swipe never waits.
import type { FeedClient } from './feed-client.js';
import {
  SessionSignals,
  itemTopics,
  rerank,
  type ClientModel,
  type RerankCandidate,
  type SessionView,
} from './rerank.js';
import type { FeedItem } from './types.js';

export interface OnDeviceFeedOptions {
  feed: FeedClient;
  userId: string;
  /** Videos shown per page. */
  n?: number;
  /** Candidates beyond n fetched per page; 0 turns re-ranking off. */
  extra?: number;
  explain?: boolean;
  /** The model; fetched from the engine at the first page when absent. */
  model?: ClientModel;
  /** Start fetching the next page when this many videos of the current one are left to show. */
  prefetchAt?: number;
}

/** A video to show, with where it came from (for its events). */
export interface Shown {
  requestId: string;
  feedItem: FeedItem;
  /** Shown this many videos into the session. */
  index: number;
}

interface Page {
  requestId: string;
  candidates: (FeedItem & RerankCandidate)[];
  shown: number;
}

export class OnDeviceFeed {
  private page: Page | null = null;
  private nextPage: Promise<Page> | null = null;
  private model: ClientModel | null;
  signals: SessionSignals | null = null;
  private index = 0;
  private readonly n: number;
  private readonly extra: number;

  constructor(private readonly options: OnDeviceFeedOptions) {
    this.n = options.n ?? 10;
    this.extra = options.extra ?? 5;
    this.model = options.model ?? null;
    if (this.model) this.signals = new SessionSignals(this.model.decay);
  }

  get modelVersion(): string | null {
    return this.model?.version ?? null;
  }

  /** The next video to show, or null when the engine has nothing more. */
  async next(): Promise<Shown | null> {
    if (!this.page || this.page.shown >= this.n || this.page.candidates.length === 0) {
      this.page = await (this.nextPage ?? this.fetch());
      this.nextPage = null;
      if (this.page.candidates.length === 0) return null;
    }
    const page = this.page;
    if (this.model && this.signals && this.extra > 0)
      page.candidates = rerank(this.model, this.signals, page.candidates);
    const feedItem = page.candidates.shift()!;
    page.shown += 1;
    const left = Math.min(this.n - page.shown, page.candidates.length);
    if (left <= (this.options.prefetchAt ?? 2) && !this.nextPage) {
      this.nextPage = this.fetch();
      this.nextPage.catch(() => (this.nextPage = null)); // retried at the next call
    }
    return { requestId: page.requestId, feedItem, index: this.index++ };
  }

  /** What the user did with a video: feeds the re-ranking of the rest of the page. */
  observe(view: SessionView): void {
    this.signals?.observe(view);
  }

  like(item: FeedItem): void {
    this.signals?.like(item.item.creatorId, itemTopics(item.item));
  }

  private async fetch(): Promise<Page> {
    if (!this.model && this.extra > 0) {
      try {
        this.model = await this.options.feed.clientModel();
        this.signals = new SessionSignals(this.model.decay);
      } catch {
        // An engine without a client model: play its order as it comes.
      }
    }
    const body = await this.options.feed.page(this.options.userId, {
      n: this.n,
      extra: this.model ? this.extra : 0,
      explain: this.options.explain,
    });
    return {
      requestId: body.requestId,
      candidates: body.items.map((i) => ({
        ...i,
        creatorId: i.item.creatorId,
        topics: itemTopics(i.item),
      })),
      shown: 0,
    };
  }
}
