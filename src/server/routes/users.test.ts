import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEvent, makeItem, testServer, type TestServer } from '../test-helpers.js';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
});
afterEach(async () => {
  await s.close();
});

describe('users', () => {
  it('upserts a batch and reads a user back', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/users',
      payload: {
        users: [
          {
            id: 'u1',
            locale: 'pt-BR',
            country: 'BR',
            device: 'iPhone15,2',
            createdAt: '2026-01-01T00:00:00Z',
          },
          { id: 'u2' },
        ],
      },
    });
    expect(res.json()).toEqual({ created: 2, updated: 0 });
    const u1 = await s.app.inject({ method: 'GET', url: '/v1/users/u1' });
    expect(u1.json()).toEqual({
      id: 'u1',
      locale: 'pt-BR',
      country: 'BR',
      device: 'iPhone15,2',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const u2 = await s.app.inject({ method: 'GET', url: '/v1/users/u2' });
    expect(u2.json().createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses a bad country and locale, naming them, and writes nothing', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/users',
      payload: { users: [{ id: 'ok' }, { id: 'u3', country: 'Brazil', locale: '1' }] },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['users[1].country', 'users[1].locale']));
    expect(s.engine.users.get('ok')).toBeUndefined();
  });

  it('answers 404 for an unknown user and their events', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/v1/users/ghost' })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/v1/users/ghost/events' })).statusCode).toBe(404);
  });

  it('shows the nearline profile once the processors have seen the events', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/items',
      payload: { items: [makeItem(1, { creatorId: 'c1', topics: ['cats'] })] },
    });
    const like = makeEvent({ id: 'p1', type: 'like', userId: 'fan', itemId: 'v1' });
    await s.app.inject({ method: 'POST', url: '/v1/events', payload: { events: [like] } });
    const before = (await s.app.inject({ url: '/v1/users/fan/profile' })).json();
    expect(before).toMatchObject({ userId: 'fan', updatedAt: null, recent: [], topics: {} });
    s.engine.runner.drain();
    const after = (await s.app.inject({ url: '/v1/users/fan/profile' })).json();
    expect(after.recent.map((e: { itemId: string }) => e.itemId)).toEqual(['v1']);
    expect(after.topics.cats).toBeGreaterThan(0);
    expect(after.creators.c1).toBeGreaterThan(0);
    expect((await s.app.inject({ url: '/v1/users/nobody/profile' })).statusCode).toBe(404);
  });
});
