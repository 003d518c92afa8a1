import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_JSON } from './problems.js';
import { makeEvent, makeItem, testServer, type TestServer } from './test-helpers.js';

const INGEST = 'ingest-key-0123456789';
const READ = 'read-key-0123456789ab';
const ADMIN = 'admin-key-0123456789a';

let s: TestServer;
beforeEach(async () => {
  s = await testServer({
    auth: {
      keys: [
        { key: INGEST, scopes: ['ingest'] },
        { key: READ, scopes: ['read'] },
        { key: ADMIN, scopes: ['admin'] },
      ],
    },
  });
});
afterEach(async () => {
  await s.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys and scopes', () => {
  it('answers 401 problem+json without a key or with an unknown one', async () => {
    const none = await s.app.inject({ url: '/v1/feed?user=u' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain(PROBLEM_JSON);
    expect(none.json()).toMatchObject({ code: 'unauthorized' });
    const wrong = await s.app.inject({ url: '/v1/feed?user=u', headers: bearer('not-a-key-at-all-xx') });
    expect(wrong.statusCode).toBe(401);
  });

  it('answers 403 when the key lacks the scope, and writes nothing', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: bearer(READ),
      payload: { events: [makeEvent({ type: 'like' })] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
    expect(s.engine.log.totalAppended()).toBe(0);
    expect((await s.app.inject({ url: '/v1/feed?user=u', headers: bearer(INGEST) })).statusCode).toBe(403);
    expect((await s.app.inject({ url: '/v1/admin/log', headers: bearer(READ) })).statusCode).toBe(403);
  });

  it('lets each scope do its work, X-API-Key works too, and admin may do everything', async () => {
    const ingest = await s.app.inject({
      method: 'POST',
      url: '/v1/items',
      headers: { 'x-api-key': INGEST },
      payload: { items: [makeItem(1)] },
    });
    expect(ingest.statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/items/v1', headers: bearer(READ) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/items/v1', headers: bearer(ADMIN) })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/v1/admin/log', headers: bearer(ADMIN) })).statusCode).toBe(200);
  });

  it('keeps health, readiness and metrics open for probes and scrapers', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      expect((await s.app.inject({ url })).statusCode).toBe(200);
    }
  });
});
