// The dashboard's live figures (GET /v1/admin/live): events per second, feed latency, freshness
// and processor lag, and watch time and skip rate per minute from the joined samples. Cheap enough
// to poll every two seconds: every read is bounded (an index lookup per partition, the newest
// samples only).
import { Type } from '@sinclair/typebox';
import type { App, RouteDeps } from '../types.js';

/** Samples read for the per-minute series: the newest ones only. */
const SAMPLES_READ = 20_000;
const SERIES_MS = 60 * 60_000;
const MINUTE = 60_000;
const RATE_WINDOW_MS = 10_000;
const PARTITION_SPAN = 2 ** 40;

const Nullable = (t: ReturnType<typeof Type.Number>) => Type.Union([t, Type.Null()]);

const WatchPoint = Type.Object({
  /** Start of the minute, ms since the epoch. */
  t: Type.Integer(),
  /**
   * `all`, and `<experiment>/<arm>` for each arm of the running experiments: one point per series
   * per minute, so the dashboard draws a line per arm.
   */
  arm: Type.String(),
  impressions: Type.Integer(),
  watchSeconds: Type.Number({ description: 'Mean seconds watched per impression' }),
  skipRate: Type.Number(),
});

const LiveResponse = Type.Object({
  at: Type.Integer(),
  eventsTotal: Type.Integer(),
  eventsPerSecond: Nullable(Type.Number()),
  feedLatencyMs: Type.Object({
    p50: Nullable(Type.Number()),
    p99: Nullable(Type.Number()),
    count: Type.Integer(),
  }),
  /** Age of the oldest event the profile processor has not yet processed (0: caught up). */
  freshnessLagMs: Type.Number(),
  processors: Type.Array(Type.Object({ group: Type.String(), lag: Type.Integer() })),
  watch: Type.Array(WatchPoint),
});

export function adminLiveRoutes(app: App, { engine, metrics }: RouteDeps): void {
  const receivedAt = engine.db.prepare<[number], { received_at: number }>(
    'SELECT received_at FROM events WHERE "offset" = ?',
  );
  const recentSamples = engine.db.prepare<
    [number, number],
    { closed_at: number; user_id: string; item_id: string; watch_ratio: number; quick_skip: number }
  >(
    'SELECT closed_at, user_id, item_id, watch_ratio, quick_skip FROM samples WHERE "offset" > ? AND closed_at > ?',
  );
  // (time, events appended) at each poll: events/s is the slope over the last ten seconds.
  const totals: { t: number; total: number }[] = [];

  app.get(
    '/v1/admin/live',
    {
      config: { scope: 'admin' },
      schema: { tags: ['ops'], summary: 'Live figures for the dashboard', response: { 200: LiveResponse } },
    },
    async () => {
      const now = engine.clock.now();
      const total = engine.log.totalAppended();
      totals.push({ t: now, total });
      while (totals.length > 2 && totals[1]!.t <= now - RATE_WINDOW_MS) totals.shift();
      const first = totals[0]!;
      const eventsPerSecond = now - first.t >= 1000 ? ((total - first.total) * 1000) / (now - first.t) : null;

      let freshnessLagMs = 0;
      const lagByGroup = new Map<string, number>();
      for (const { group, partition, lag } of engine.runner.lag()) {
        lagByGroup.set(group, (lagByGroup.get(group) ?? 0) + lag);
        if (group !== 'profile' || lag <= 0) continue;
        // The first record the profile processor has yet to process.
        const next = engine.log.endOffset(partition) - lag + 1;
        const row = receivedAt.get(partition * PARTITION_SPAN + next);
        if (row) freshnessLagMs = Math.max(freshnessLagMs, now - row.received_at);
      }

      // Keyed by minute and series: `all`, and `<experiment>/<arm>` for each arm of a running
      // experiment, found by assigning the sample's user again (assignment is deterministic).
      const buckets = new Map<
        string,
        { t: number; arm: string; n: number; watchMs: number; skips: number }
      >();
      const rows = recentSamples.all(
        Math.max(0, engine.samples.lastOffset() - SAMPLES_READ),
        now - SERIES_MS,
      );
      for (const r of rows) {
        const t = Math.floor(r.closed_at / MINUTE) * MINUTE;
        const watchMs = r.watch_ratio * (engine.catalog.get(r.item_id)?.item.durationMs ?? 0);
        const series = [
          'all',
          ...engine.experiments.assign(r.user_id).map((a) => `${a.experiment}/${a.arm}`),
        ];
        for (const arm of series) {
          const key = `${t} ${arm}`;
          let b = buckets.get(key);
          if (!b) buckets.set(key, (b = { t, arm, n: 0, watchMs: 0, skips: 0 }));
          b.n += 1;
          b.watchMs += watchMs;
          b.skips += r.quick_skip;
        }
      }
      const watch = [...buckets.values()]
        .sort((a, b) => a.t - b.t)
        .map(({ t, arm, ...b }) => ({
          t,
          arm,
          impressions: b.n,
          watchSeconds: b.watchMs / b.n / 1000,
          skipRate: b.skips / b.n,
        }));

      return {
        at: now,
        eventsTotal: total,
        eventsPerSecond,
        feedLatencyMs: metrics.feedLatency.summary(Date.now()),
        freshnessLagMs,
        processors: [...lagByGroup.entries()].map(([group, lag]) => ({ group, lag })),
        watch,
      };
    },
  );
}
