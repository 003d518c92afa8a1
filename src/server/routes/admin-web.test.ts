// The routes behind the web app and the dashboard: extra candidates with compact features, the
// client model, the dry-run next feed (records nothing), the live figures and the item inspector.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/index.js';
import { makeEvent, makeItem, testServer, type TestServer } from '../test-helpers.js';

const NOW = Date.parse('2026-11-02T00:00:00Z');
let s: TestServer;

beforeEach(async () => {
  s = await testServer({}, { clock: new ManualClock(NOW) });
  const items = Array.from({ length: 60 }, (_, i) => makeItem(i));
  await s.app.inject({ method: 'POST', url: '/v1/items', payload: { items } });
});
afterEach(async () => {
  await s.close();
});

const get = async (url: string, status = 200) => {
  const res = await s.app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown> & {
    items: { itemId: string; features?: Record<string, number> }[];
  };
};

describe('feed extras for on-device re-ranking', () => {
  it('returns n + extra items, each with only the model_* features', async () => {
    const body = await get('/v1/feed?user=u1&n=5&extra=3');
    expect(body.items).toHaveLength(8);
    for (const i of body.items) {
      expect(i.features).toBeDefined();
      for (const k of Object.keys(i.features!)) expect(k.startsWith('model_')).toBe(true);
    }
    const plain = await get('/v1/feed?user=u2&n=5');
    expect(plain.items).toHaveLength(5);
    expect(plain.items[0]!.features).toBeUndefined();
  });

  it('refuses an extra out of range, naming the field', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/v1/feed?user=u1&extra=99' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('extra');
  });

  it('serves the client model', async () => {
    const model = (await get('/v1/client-model')) as unknown as {
      version: string;
      weights: Record<string, number>;
    };
    expect(model.version).toBeTruthy();
    expect(model.weights.serverRank).toBeGreaterThan(0);
    expect(model.weights.topicSkip).toBeLessThan(0);
  });
});

describe('dashboard data', () => {
  it('the next feed is a dry run: it does not hold the items back from the real feed', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: { events: [makeEvent({ type: 'like', userId: 'u9', itemId: 'v1' })] },
    });
    await get('/v1/admin/users/nobody/next-feed', 404);
    const dry = await get('/v1/admin/users/u9/next-feed?n=5');
    expect(dry.items).toHaveLength(5);
    expect(Object.keys(dry.items[0]!.features!).length).toBeGreaterThan(0);
    // and says why each would be there
    for (const item of dry.items as unknown as { source: string; explanation?: { sources: string[] } }[])
      expect(item.explanation?.sources[0]).toBe(item.source);
    s.engine.served.flush();
    expect(s.engine.served.recent('u9', NOW).size).toBe(0);
    // Had it been recorded as served, the real feed would skip all of these for servedTtl; it
    // serves mostly the same (exploration slots draw per request).
    const real = await get('/v1/feed?user=u9&n=5');
    const dryIds = new Set(dry.items.map((i) => i.itemId));
    expect(real.items.filter((i) => dryIds.has(i.itemId)).length).toBeGreaterThanOrEqual(3);
    s.engine.served.flush();
    expect(s.engine.served.recent('u9', NOW).size).toBe(5);
  });

  it('live figures: totals, lag per processor, latency of real feed requests', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: { events: [makeEvent({ type: 'watch', userId: 'u3', itemId: 'v2' })] },
    });
    await get('/v1/feed?user=u3&n=3');
    const live = (await get('/v1/admin/live')) as unknown as {
      eventsTotal: number;
      processors: { group: string; lag: number }[];
      feedLatencyMs: { count: number; p50: number | null };
      freshnessLagMs: number;
    };
    expect(live.eventsTotal).toBe(1);
    // Processors are driven by hand in tests: the profile processor has not seen the event yet.
    expect(live.processors.find((p) => p.group === 'profile')?.lag).toBe(1);
    expect(live.feedLatencyMs.count).toBe(1);
    expect(live.feedLatencyMs.p50).toBeGreaterThan(0);
    expect(live.freshnessLagMs).toBeGreaterThanOrEqual(0);
    s.engine.runner.drain();
    const after = (await get('/v1/admin/live')) as unknown as {
      processors: { group: string; lag: number }[];
      freshnessLagMs: number;
    };
    expect(after.processors.find((p) => p.group === 'profile')?.lag).toBe(0);
    expect(after.freshnessLagMs).toBe(0);
  });

  it('inspects an item: counters, pool standing and audience', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: {
        events: [
          makeEvent({ type: 'impression', userId: 'a', itemId: 'v3' }),
          makeEvent({ type: 'like', userId: 'b', itemId: 'v3' }),
        ],
      },
    });
    s.engine.runner.drain();
    const body = (await get('/v1/admin/items/v3')) as unknown as {
      stats: { impressions: number; likes: number };
      audience: { users: number; byType: Record<string, number> };
    };
    expect(body.stats.impressions).toBe(1);
    expect(body.stats.likes).toBe(1);
    expect(body.audience.users).toBe(2);
    expect(body.audience.byType).toEqual({ impression: 1, like: 1 });
    await get('/v1/admin/items/nope', 404);
  });
});
