import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_JSON } from '../problems.js';
import { makeItem, testServer, type TestServer } from '../test-helpers.js';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => {
  await s.close();
});

const postItems = (items: unknown[]) =>
  s.app.inject({ method: 'POST', url: '/v1/items', payload: { items } });

describe('POST /v1/items and GET /v1/items/:id', () => {
  it('creates, then updates, and reads back', async () => {
    const first = await postItems([makeItem(1), makeItem(2)]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 2, updated: 0 });
    const second = await postItems([makeItem(1, { caption: 'new caption' })]);
    expect(second.json()).toEqual({ created: 0, updated: 1 });
    const got = await s.app.inject({ method: 'GET', url: '/v1/items/v1' });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ id: 'v1', caption: 'new caption', status: 'active', creatorId: 'c1' });
  });

  it('creates the creator an item names', async () => {
    await postItems([makeItem(3)]);
    const creator = await s.app.inject({ method: 'GET', url: '/v1/creators/c3' });
    expect(creator.json()).toEqual({ id: 'c3' });
  });

  it('answers 404 problem+json for an unknown item', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/v1/items/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain(PROBLEM_JSON);
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  const badFields: [string, Record<string, unknown>, string, string][] = [
    ['missing required field', { durationMs: undefined }, 'items[1].durationMs', 'required'],
    ['wrong type', { durationMs: 'long' }, 'items[1].durationMs', 'type'],
    ['number out of range', { durationMs: 0 }, 'items[1].durationMs', 'minimum'],
    ['string too long', { caption: 'x'.repeat(2201) }, 'items[1].caption', 'maxLength'],
    ['bad id pattern', { id: 'has space' }, 'items[1].id', 'pattern'],
    ['bad date-time', { createdAt: 'yesterday' }, 'items[1].createdAt', 'format'],
    ['bad url', { mediaUrl: 'not a url' }, 'items[1].mediaUrl', 'format'],
    ['bad enum', { status: 'deleted' }, 'items[1].status', 'enum'],
    ['unknown property', { colour: 'red' }, 'items[1].colour', 'additionalProperties'],
    ['bad array element', { hashtags: ['ok', ''] }, 'items[1].hashtags[1]', 'minLength'],
  ];
  for (const [name, patch, field, rule] of badFields) {
    it(`refuses ${name} with 400 naming ${field}, and writes nothing`, async () => {
      const bad = { ...makeItem(9), ...patch };
      const res = await postItems([makeItem(8), bad]);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain(PROBLEM_JSON);
      const body = res.json();
      expect(body.code).toBe('validation');
      expect(body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule, in: 'body' })]),
      );
      expect(s.engine.catalog.get('v8')).toBeUndefined();
    });
  }

  it('refuses more than maxBatch items with 413', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => makeItem(i));
    const res = await postItems(items);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
    expect(s.engine.catalog.size).toBe(0);
  });

  it('refuses a body over the byte limit with 413', async () => {
    const small = await testServer({ server: { bodyLimitBytes: 2048 } });
    try {
      const res = await small.app.inject({
        method: 'POST',
        url: '/v1/items',
        payload: { items: [makeItem(1, { caption: 'y'.repeat(2100) })] },
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toContain(PROBLEM_JSON);
    } finally {
      await small.close();
    }
  });

  it('refuses malformed JSON with 400 and a non-JSON body with 415', async () => {
    const bad = await s.app.inject({
      method: 'POST',
      url: '/v1/items',
      headers: { 'content-type': 'application/json' },
      payload: '{"items": [',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'malformed_json' });
    const text = await s.app.inject({
      method: 'POST',
      url: '/v1/items',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('upserts creators', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/creators',
      payload: { creators: [{ id: 'c1', name: 'Chef Ana', verified: true }] },
    });
    expect(res.json()).toEqual({ created: 1, updated: 0 });
    const got = await s.app.inject({ method: 'GET', url: '/v1/creators/c1' });
    expect(got.json()).toEqual({ id: 'c1', name: 'Chef Ana', verified: true });
  });
});
