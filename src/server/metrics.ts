// Prometheus metrics, one registry per server so tests and several servers in a process never mix.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PipelineObserver } from '../core/index.js';
import type { Engine } from '../engine/index.js';
import type { IdleCollectionStats } from './idle-collection.js';

/** Recent latencies of one route with their times, for percentiles over a sliding window. */
export class LatencyWindow {
  private readonly at: number[] = [];
  private readonly ms: number[] = [];
  constructor(
    readonly windowMs: number,
    private readonly cap = 10_000,
  ) {}

  add(t: number, ms: number): void {
    this.at.push(t);
    this.ms.push(ms);
    if (this.at.length > this.cap) {
      this.at.splice(0, this.at.length - this.cap);
      this.ms.splice(0, this.ms.length - this.cap);
    }
  }

  /** p50, p99 and count over the window ending at `now`; null percentiles when empty. */
  summary(now: number): { p50: number | null; p99: number | null; count: number } {
    const from = now - this.windowMs;
    const values: number[] = [];
    for (let i = 0; i < this.at.length; i++) if (this.at[i]! > from) values.push(this.ms[i]!);
    values.sort((a, b) => a - b);
    const q = (p: number) =>
      values.length ? values[Math.min(values.length - 1, Math.floor(p * values.length))]! : null;
    return { p50: q(0.5), p99: q(0.99), count: values.length };
  }
}

export class ServerMetrics {
  readonly registry = new Registry();
  /** GET /v1/feed latencies over the last minute, for the dashboard. */
  readonly feedLatency = new LatencyWindow(60_000);
  readonly httpDuration = new Histogram({
    name: 'foryou_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly eventsAccepted = new Counter({
    name: 'foryou_events_accepted_total',
    help: 'Events written to the log',
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'foryou_events_duplicate_total',
    help: 'Events accepted again under an id the log already held (counted once)',
    registers: [this.registry],
  });
  readonly eventsRejected = new Counter({
    name: 'foryou_events_rejected_total',
    help: 'Events in batches refused for bad input',
    registers: [this.registry],
  });
  readonly recordsUpserted = new Counter({
    name: 'foryou_records_upserted_total',
    help: 'Catalog and user records written',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly stageDuration = new Histogram({
    name: 'foryou_feed_stage_duration_seconds',
    help: 'Time per feed pipeline stage',
    labelNames: ['stage'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1],
    registers: [this.registry],
  });
  readonly sourceRequests = new Counter({
    name: 'foryou_source_requests_total',
    help: 'Candidate source calls by outcome (ok, timeout, error); failed sources are dropped',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly sourceCandidates = new Counter({
    name: 'foryou_source_candidates_total',
    help: 'Candidates proposed per source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly sideEffectErrors = new Counter({
    name: 'foryou_side_effect_errors_total',
    help: 'Failed feed side effects',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The pipeline reports through this. */
  readonly observer: PipelineObserver = {
    stage: (stage, ms) => this.stageDuration.observe({ stage }, ms / 1000),
    source: (source, outcome, candidates) => {
      this.sourceRequests.inc({ source, outcome });
      if (candidates > 0) this.sourceCandidates.inc({ source }, candidates);
    },
    sideEffectError: (name) => this.sideEffectErrors.inc({ name }),
  };

  /** Log position and consumer lag, read when scraped. */
  watchEngine(engine: Engine): void {
    const registry = this.registry;
    new Gauge({
      name: 'foryou_log_end_offset',
      help: 'Last offset written to each partition of the event log',
      labelNames: ['partition'] as const,
      registers: [registry],
      collect() {
        for (let p = 0; p < engine.log.partitions; p++)
          this.set({ partition: String(p) }, engine.log.endOffset(p));
      },
    });
    new Gauge({
      name: 'foryou_consumer_lag',
      help: 'Records a stream processor has yet to process, per partition of the event log',
      labelNames: ['group', 'partition'] as const,
      registers: [registry],
      collect() {
        for (const { group, partition, lag } of engine.runner.lag())
          this.set({ group, partition: String(partition) }, lag);
      },
    });
    new Gauge({
      name: 'foryou_catalog_items',
      help: 'Items in the catalog',
      registers: [registry],
      collect() {
        this.set(engine.catalog.size);
      },
    });
    new Gauge({
      name: 'foryou_joiner_total',
      help: 'Sample joiner outcomes since the data directory was created: opened, closed (samples written), late, unjoined, unserved, evicted',
      labelNames: ['outcome'] as const,
      registers: [registry],
      collect() {
        for (const [outcome, n] of Object.entries(engine.joiner.counters())) this.set({ outcome }, n);
      },
    });
    new Gauge({
      name: 'foryou_samples_last_offset',
      help: 'Offset of the newest labelled training sample the joiner wrote',
      registers: [registry],
      collect() {
        this.set(engine.samples.lastOffset());
      },
    });
  }

  /** The young-generation collections run between requests (server/idle-collection.ts). */
  watchIdleCollections(stats: IdleCollectionStats): void {
    new Gauge({
      name: 'foryou_idle_collections_total',
      help: 'Young-generation collections run while no request was in flight',
      registers: [this.registry],
      collect() {
        this.set(stats.collections);
      },
    });
    new Gauge({
      name: 'foryou_idle_collection_seconds_total',
      help: 'Time spent in the young-generation collections run while no request was in flight',
      registers: [this.registry],
      collect() {
        this.set(stats.ms / 1000);
      },
    });
  }

  /** Times every request by its route pattern (never the raw URL: ids would explode the labels). */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      if (route === '/v1/feed' && reply.statusCode === 200)
        this.feedLatency.add(Date.now(), reply.elapsedTime);
      this.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }
}
