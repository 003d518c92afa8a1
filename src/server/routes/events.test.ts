import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll } from '../../log/index.js';
import { PROBLEM_JSON } from '../problems.js';
import { makeEvent, makeItem, testServer, type TestServer } from '../test-helpers.js';

let s: TestServer;
beforeEach(async () => {
  s = await testServer();
  await s.app.inject({ method: 'POST', url: '/v1/items', payload: { items: [makeItem(1), makeItem(2)] } });
});
afterEach(async () => {
  await s.close();
});

const post = (events: unknown[]) => s.app.inject({ method: 'POST', url: '/v1/events', payload: { events } });
const logSize = () => s.engine.log.totalAppended();

describe('POST /v1/events', () => {
  it('appends a batch to the log with increasing offsets in the user partition', async () => {
    const res = await post([
      makeEvent({ type: 'impression' }),
      makeEvent({ type: 'watch', watchMs: 12_000, loops: 1 }),
      makeEvent({ type: 'like' }),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0, usersCreated: 1 });
    const records = readAll(s.engine.log);
    expect(records.map((r) => r.offset)).toEqual([1, 2, 3]);
    expect(records.map((r) => r.event.type)).toEqual(['impression', 'watch', 'like']);
  });

  it('accepts a repeated event id and counts it once', async () => {
    const e = makeEvent({ type: 'like' });
    expect((await post([e])).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await post([e, e])).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(logSize()).toBe(1);
  });

  it('creates an unknown user, first seen at their earliest event', async () => {
    await post([
      makeEvent({ type: 'like', userId: 'new-user', timestamp: '2026-11-02T10:00:00Z' }),
      makeEvent({ type: 'share', userId: 'new-user', timestamp: '2026-11-02T09:00:00Z' }),
    ]);
    const user = await s.app.inject({ method: 'GET', url: '/v1/users/new-user' });
    expect(user.statusCode).toBe(200);
    expect(user.json()).toEqual({ id: 'new-user', createdAt: '2026-11-02T09:00:00.000Z' });
    const events = await s.app.inject({ method: 'GET', url: '/v1/users/new-user/events?limit=10' });
    expect(events.json().events.map((e: { type: string }) => e.type)).toEqual(['share', 'like']);
  });

  it('accepts events for items the catalog does not know yet', async () => {
    const res = await post([makeEvent({ type: 'like', itemId: 'not-yet-uploaded' })]);
    expect(res.json()).toMatchObject({ accepted: 1 });
    s.engine.runner.drain();
    expect(s.engine.stats.get('not-yet-uploaded')?.events).toBe(1);
  });

  const badEvents: [string, Record<string, unknown>, string, string][] = [
    ['unknown type', { type: 'poke' }, 'events[1].type', 'enum'],
    ['missing user', { userId: undefined }, 'events[1].userId', 'required'],
    ['bad timestamp', { timestamp: '1700000000' }, 'events[1].timestamp', 'format'],
    ['negative watch time', { type: 'watch', watchMs: -5 }, 'events[1].watchMs', 'minimum'],
    ['watch without watchMs', { type: 'watch', watchMs: undefined }, 'events[1].watchMs', 'required'],
    ['like without item', { type: 'like', itemId: undefined }, 'events[1].itemId', 'required'],
    ['follow without creator', { type: 'follow', creatorId: undefined }, 'events[1].creatorId', 'required'],
    ['timestamp far in the future', { timestamp: '2999-01-01T00:00:00Z' }, 'events[1].timestamp', 'maximum'],
    [
      'bad context field',
      { context: { os: 'ios', gps: 'x' } },
      'events[1].context.gps',
      'additionalProperties',
    ],
    ['non-integer position', { position: 1.5 }, 'events[1].position', 'type'],
  ];
  for (const [name, patch, field, rule] of badEvents) {
    it(`refuses the whole batch for ${name}, naming ${field}`, async () => {
      const bad = { ...makeEvent({ type: 'like' }), ...patch };
      const res = await post([makeEvent({ type: 'impression' }), bad]);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain(PROBLEM_JSON);
      expect(res.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, rule, in: 'body' })]),
      );
      expect(logSize()).toBe(0);
      expect(s.engine.users.get('u1')).toBeUndefined();
    });
  }

  it('refuses an empty batch and a batch over the limit', async () => {
    expect((await post([])).statusCode).toBe(400);
    const many = Array.from({ length: 1001 }, () => makeEvent({ type: 'impression' }));
    const res = await post(many);
    expect(res.statusCode).toBe(413);
    expect(logSize()).toBe(0);
  });

  it('counts accepted, duplicate and rejected events in /metrics', async () => {
    const e = makeEvent({ type: 'like' });
    await post([e, makeEvent({ type: 'share' })]);
    await post([e]);
    await post([makeEvent({ type: 'like' }), { bogus: true }]);
    const metrics = (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^foryou_events_accepted_total 2$/m);
    expect(metrics).toMatch(/^foryou_events_duplicate_total 1$/m);
    expect(metrics).toMatch(/^foryou_events_rejected_total 2$/m);
  });
});
