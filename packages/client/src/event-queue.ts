// Events leave the device in batches, in order, one request at a time. A batch is removed only once
// the engine acknowledged it; a failure that may pass (network down, server restarting, 5xx, 429)
// is retried with capped exponential backoff. Retrying is safe because every event carries its
// own id, the engine's idempotency key: a batch that did land before the connection broke is
// counted once. Pending events are mirrored to storage (localStorage in a browser), so a closed
// tab or a crash loses nothing: the next start sends them again.
import { isRetriable, HttpError, type Transport } from './transport.js';
import type { ClientEvent } from './types.js';

/** The part of the Web Storage API the queue needs (localStorage fits). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface EventQueueOptions {
  transport: Transport;
  /** Events per request (the engine takes up to 1,000). */
  batchSize?: number;
  /** A partial batch waits at most this long. */
  flushIntervalMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Where pending events survive the page; null for memory only (the default outside browsers). */
  storage?: StorageLike | null;
  storageKey?: string;
  /** Events the engine refused as bad input: dropped, since sending them again cannot succeed. */
  onRejected?: (events: ClientEvent[], error: HttpError) => void;
  /** Called after every failed attempt that will be retried. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** sendBeacon, when the platform has it (browsers). */
  beacon?: ((url: string, body: Blob) => boolean) | null;
}

export interface QueueStats {
  /** Events the engine acknowledged (new ones and duplicates alike). */
  acknowledged: number;
  duplicates: number;
  rejected: number;
  retries: number;
  beaconed: number;
}

interface IngestResponse {
  accepted: number;
  duplicates: number;
}

const EVENT_INDEX = /^events\[(\d+)\]/;

export class EventQueue {
  private pending: ClientEvent[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private closed = false;
  private waiters: (() => void)[] = [];
  readonly stats: QueueStats = { acknowledged: 0, duplicates: 0, rejected: 0, retries: 0, beaconed: 0 };
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly storageKey: string;

  constructor(private readonly options: EventQueueOptions) {
    this.batchSize = Math.min(1000, Math.max(1, options.batchSize ?? 50));
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.storageKey = options.storageKey ?? 'foryou:pending-events';
    const saved = options.storage?.getItem(this.storageKey);
    if (saved) {
      try {
        this.pending = JSON.parse(saved) as ClientEvent[];
      } catch {
        this.pending = [];
      }
      if (this.pending.length > 0) this.schedule(0);
    }
  }

  /** Events not yet acknowledged, restored ones included. */
  get size(): number {
    return this.pending.length;
  }

  push(...events: ClientEvent[]): void {
    if (this.closed) throw new Error('@foryou/client: the event queue is closed');
    this.pending.push(...events);
    this.save();
    // A retry in progress keeps its backoff; otherwise a full batch goes at once.
    if (this.attempt === 0) this.schedule(this.pending.length >= this.batchSize ? 0 : this.flushIntervalMs);
  }

  /** Sends what is pending now (also during a backoff); resolves when the attempt ends. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.send();
  }

  /** Resolves when every pending event is acknowledged, retrying as needed. */
  drained(): Promise<void> {
    if (this.pending.length === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * The page is going away (pagehide): hand what is pending to sendBeacon, which outlives the page.
   * The events stay in storage until a later start sees them acknowledged, since a beacon's fate
   * is unknown; sending them twice is harmless. Falls back to a keepalive fetch.
   */
  flushOnExit(): void {
    if (this.pending.length === 0) return;
    const url = this.options.transport.url('/v1/events');
    // A beacon cannot carry an Authorization header: with an API key, keepalive fetch instead.
    const beacon = this.options.transport.hasApiKey ? null : this.options.beacon;
    for (let i = 0; i < this.pending.length; i += this.batchSize) {
      const events = this.pending.slice(i, i + this.batchSize);
      const body = JSON.stringify({ events });
      const sent = beacon ? beacon(url, new Blob([body], { type: 'application/json' })) : false;
      if (sent) this.stats.beaconed += events.length;
      else
        void this.options.transport
          .post('/v1/events', { events }, { keepalive: true })
          .catch(() => undefined);
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.closed || this.inFlight) return;
    if (this.timer) {
      if (ms > 0) return; // one is coming anyway
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.send();
    }, ms);
  }

  private send(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.pending.length === 0) {
      this.wake();
      return Promise.resolve();
    }
    this.inFlight = this.sendBatch().finally(() => {
      this.inFlight = null;
      if (this.pending.length === 0) this.wake();
      else if (this.attempt === 0) this.schedule(0);
    });
    return this.inFlight;
  }

  private async sendBatch(): Promise<void> {
    const batch = this.pending.slice(0, this.batchSize);
    try {
      const result = await this.options.transport.post<IngestResponse>('/v1/events', { events: batch });
      this.stats.acknowledged += batch.length;
      this.stats.duplicates += result.duplicates;
      this.remove(batch);
      this.attempt = 0;
    } catch (error) {
      if (error instanceof HttpError && !isRetriable(error)) {
        this.reject(batch, error);
        return;
      }
      this.attempt += 1;
      this.stats.retries += 1;
      const { retryBaseMs = 250, retryMaxMs = 10_000 } = this.options;
      const cap = Math.min(retryMaxMs, retryBaseMs * 2 ** (this.attempt - 1));
      const delay = cap / 2 + Math.random() * (cap / 2);
      this.options.onRetry?.(error, this.attempt, delay);
      if (!this.closed) {
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.send();
        }, delay);
      }
    }
  }

  /**
   * A refused batch (all or nothing on the engine's side): drop only the events the problem names,
   * so one bad event does not cost the good ones; if it names none, the whole batch goes.
   */
  private reject(batch: ClientEvent[], error: HttpError): void {
    const bad = new Set<number>();
    for (const e of error.problem?.errors ?? []) {
      const m = EVENT_INDEX.exec(e.field);
      if (m) bad.add(Number(m[1]));
    }
    const dropped = bad.size > 0 ? batch.filter((_, i) => bad.has(i)) : batch;
    this.stats.rejected += dropped.length;
    this.remove(dropped);
    this.attempt = 0;
    this.options.onRejected?.(dropped, error);
  }

  private remove(events: readonly ClientEvent[]): void {
    const ids = new Set(events.map((e) => e.id));
    this.pending = this.pending.filter((e) => !ids.has(e.id));
    this.save();
  }

  private save(): void {
    const storage = this.options.storage;
    if (!storage) return;
    try {
      if (this.pending.length === 0) storage.removeItem(this.storageKey);
      else storage.setItem(this.storageKey, JSON.stringify(this.pending));
    } catch {
      // A full or disabled storage only costs persistence across page loads, never the events.
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
