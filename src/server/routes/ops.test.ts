import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../test-helpers.js';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => {
  await s.close();
});

describe('operations endpoints', () => {
  it('answers health and readiness', async () => {
    expect((await s.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await s.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    s.setReady(false);
    const notReady = await s.app.inject({ url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ code: 'not_ready' });
  });

  it('exposes request latency histograms and log metrics', async () => {
    await s.app.inject({ url: '/v1/feed?user=u' });
    const text = (await s.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(/foryou_http_request_duration_seconds_bucket\{.*route="\/v1\/feed".*\} 1/);
    expect(text).toMatch(/foryou_feed_stage_duration_seconds_count\{stage="recall"\} 1/);
    expect(text).toMatch(/foryou_source_requests_total\{source="fresh",outcome="ok"\} 1/);
    expect(text).toMatch(/^foryou_log_end_offset\{partition="0"\} 0$/m);
    expect(text).toMatch(/^foryou_consumer_lag\{group="item-engagement",partition="3"\} 0$/m);
  });

  it('serves an OpenAPI document describing every endpoint', async () => {
    const doc = (await s.app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/items',
      '/v1/items/{id}',
      '/v1/users',
      '/v1/users/{id}',
      '/v1/users/{id}/events',
      '/v1/events',
      '/v1/feed',
      '/v1/creators',
      '/healthz',
      '/readyz',
      '/metrics',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(
      doc.paths['/v1/events'].post.requestBody.content['application/json'].schema.properties.events.maxItems,
    ).toBe(1000);
  });

  it('shows the log and consumer lag to admins', async () => {
    const empty = (await s.app.inject({ url: '/v1/admin/log' })).json();
    expect(empty).toMatchObject({ events: 0, groups: [] });
    expect(empty.partitions).toHaveLength(s.engine.log.partitions);
    const event = (id: string, userId: string) => ({
      id,
      type: 'like',
      userId,
      itemId: 'i1',
      timestamp: new Date().toISOString(),
    });
    await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: { events: [event('e1', 'u1'), event('e2', 'u1'), event('e3', 'u2')] },
    });
    const part = s.engine.log.partitionOf('u1');
    const before = (await s.app.inject({ url: '/v1/admin/log' })).json();
    expect(before.events).toBe(3);
    expect(before.partitions[part]).toMatchObject({
      startOffset: 1,
      endOffset: part === s.engine.log.partitionOf('u2') ? 3 : 2,
    });
    s.engine.runner.drain();
    const after = (await s.app.inject({ url: '/v1/admin/log' })).json();
    const mine = after.groups.filter((g: { partition: number }) => g.partition === part);
    expect(mine.length).toBe(s.engine.runner.processors.length);
    for (const g of mine) expect(g).toMatchObject({ offset: before.partitions[part].endOffset, lag: 0 });
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await s.app.inject({ url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });
});
