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
    expect(text).toMatch(/^foryou_log_last_offset 0$/m);
    expect(text).toMatch(/^foryou_consumer_lag\{group="item-engagement"\} 0$/m);
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
    const res = await s.app.inject({ url: '/v1/admin/log' });
    expect(res.json()).toEqual({ lastOffset: 0, groups: [] });
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await s.app.inject({ url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });
});
