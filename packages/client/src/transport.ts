// HTTP to the engine: JSON in and out, API key, and a typed error that says whether a retry can
// help. `fetch` is the platform's (browsers, Node 18+) unless one is given.

import type { Problem } from './types.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** The engine's base URL, e.g. `https://feed.example.com`; '' for the page's own origin. */
  baseUrl?: string;
  apiKey?: string;
  fetch?: FetchLike;
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
  }

  /** Server trouble, rate limits and timeouts may pass; bad input never will. */
  get retriable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** Network failures (server down, connection reset) are retriable; so are 5xx and 429. */
export function isRetriable(error: unknown): boolean {
  return error instanceof HttpError ? error.retriable : true;
}

export class Transport {
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: FetchLike;

  constructor(options: TransportOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.headers = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
    const f = options.fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new Error('@foryou/client: no fetch in this runtime; pass one');
    this.fetchImpl = (input, init) => f(input, init);
  }

  get hasApiKey(): boolean {
    return 'authorization' in this.headers;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send<T>(path, { method: 'GET', headers: this.headers, signal });
  }

  async post<T>(path: string, body: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
    return this.send<T>(path, {
      method: 'POST',
      headers: { ...this.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      keepalive: options.keepalive,
    });
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.fetchImpl(this.url(path), init);
    const text = await response.text();
    if (!response.ok) {
      let problem: Problem | undefined;
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        problem = undefined;
      }
      const detail = problem?.detail ?? problem?.title ?? text.slice(0, 200);
      throw new HttpError(
        response.status,
        `${init.method} ${path}: HTTP ${response.status} ${detail}`,
        problem,
      );
    }
    return JSON.parse(text) as T;
  }
}
