// The real foryou feed over its HTTP API, as an app would use it: GET /v1/feed for a page, POST
// /v1/events for what the user did. The server keeps its own clock, so sim time only stamps the
// events (the runner starts the simulation in the past for this policy).
import type { Event, EventContext } from '../../core/index.js';
import type { World } from '../world.js';
import type { Policy, Recommendation } from './policy.js';

export interface HttpFeedPolicyOptions {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  apiKey?: string;
  /** POST the world's creators and items first (default true). */
  upload?: boolean;
  name?: string;
  batchSize?: number;
}

interface FeedBody {
  requestId: string;
  items: { itemId: string; position: number }[];
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class HttpFeedPolicy implements Policy {
  readonly name: string;
  private readonly base: string;
  private readonly auth: Record<string, string>;
  private readonly batch: number;

  constructor(private readonly options: HttpFeedPolicyOptions) {
    this.name = options.name ?? 'http';
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.auth = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
    this.batch = Math.min(1000, options.batchSize ?? 1000);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: method === 'POST' ? { ...this.auth, 'content-type': 'application/json' } : this.auth,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new HttpError(
        response.status,
        `${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`,
      );
    }
    return JSON.parse(text) as T;
  }

  private async postAll<T>(path: string, key: string, records: readonly T[]): Promise<void> {
    for (let i = 0; i < records.length; i += this.batch) {
      await this.call('POST', path, { [key]: records.slice(i, i + this.batch) });
    }
  }

  async prepare(world: World): Promise<void> {
    if (this.options.upload === false) return;
    await this.postAll('/v1/creators', 'creators', world.creators);
    await this.postAll('/v1/items', 'items', world.items);
  }

  async recommend(userId: string, n: number, _now: number, context?: EventContext): Promise<Recommendation> {
    const query = new URLSearchParams({ user: userId, n: String(n), ...context });
    const body = await this.call<FeedBody>('GET', `/v1/feed?${query}`);
    const items = [...body.items].sort((a, b) => a.position - b.position);
    return { requestId: body.requestId, itemIds: items.map((i) => i.itemId) };
  }

  async observe(events: readonly Event[]): Promise<void> {
    await this.postAll('/v1/events', 'events', events);
  }
}
