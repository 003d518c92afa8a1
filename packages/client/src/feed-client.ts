// The typed read side of the API: feed pages (optionally with extra candidates for on-device
// re-ranking and explanations) and the client model. Reads are retried like events: a feed
// request changes nothing the app could double, so asking again is always safe.
import { isRetriable, type Transport } from './transport.js';
import type { ClientModel } from './rerank.js';
import type { FeedPage } from './types.js';

export interface FeedOptions {
  n?: number;
  /** Candidates beyond `n` for the device to choose from (with compact features). */
  extra?: number;
  /** Ask for each item's explanation ("why am I seeing this"). */
  explain?: boolean;
}

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 6, baseMs = 250, maxMs = 5000 } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetriable(error)) throw error;
      const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
      await sleep(cap / 2 + Math.random() * (cap / 2));
    }
  }
}

export class FeedClient {
  constructor(
    private readonly transport: Transport,
    private readonly retry: RetryOptions = {},
  ) {}

  page(userId: string, options: FeedOptions = {}): Promise<FeedPage> {
    const q = new URLSearchParams({ user: userId });
    if (options.n !== undefined) q.set('n', String(options.n));
    if (options.extra) q.set('extra', String(options.extra));
    if (options.explain) q.set('explain', 'true');
    return withRetry(() => this.transport.get<FeedPage>(`/v1/feed?${q}`), this.retry);
  }

  clientModel(): Promise<ClientModel> {
    return withRetry(() => this.transport.get<ClientModel>('/v1/client-model'), this.retry);
  }
}
