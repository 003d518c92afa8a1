import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/index.js';
import { makeEvent, makeItem, testServer, type TestServer } from '../test-helpers.js';

const NOW = Date.parse('2026-11-02T00:00:00Z');
let s: TestServer;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(NOW);
  s = await testServer({}, { clock });
  const items = Array.from({ length: 60 }, (_, i) => makeItem(i));
  await s.app.inject({ method: 'POST', url: '/v1/items', payload: { items } });
});
afterEach(async () => {
  await s.close();
});

interface FeedBody {
  requestId: string;
  userId: string;
  items: { itemId: string; position: number; source: string; score: number; item: { creatorId: string } }[];
}
const feed = async (user: string, n = 10): Promise<FeedBody> => {
  const res = await s.app.inject({ method: 'GET', url: `/v1/feed?user=${user}&n=${n}` });
  expect(res.statusCode).toBe(200);
  return res.json() as FeedBody;
};
const post = (events: unknown[]) => s.app.inject({ method: 'POST', url: '/v1/events', payload: { events } });

describe('GET /v1/feed', () => {
  it('returns n items with request id, positions, source and score, for a user it has never seen', async () => {
    const body = await feed('stranger', 7);
    expect(body.userId).toBe('stranger');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.items).toHaveLength(7);
    expect(body.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const i of body.items) {
      expect(['trending', 'quality', 'fresh']).toContain(i.source);
      expect(typeof i.score).toBe('number');
    }
  });

  it('says why each item is there when asked: its sources, the parts of its score, re-rank decisions', async () => {
    const plain = await feed('curious', 5);
    for (const i of plain.items) expect(i).not.toHaveProperty('explanation');
    const res = await s.app.inject({ method: 'GET', url: '/v1/feed?user=curious2&n=5&explain=true' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as FeedBody & {
      items: {
        explanation: {
          sources: string[];
          sourceRank: number;
          contributions: { name: string; value: number }[];
          reasons: string[];
        };
      }[];
    };
    expect(body.items).toHaveLength(5);
    for (const i of body.items) {
      const e = i.explanation;
      expect(e.sources[0]).toBe(i.source);
      expect(e.sourceRank).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(e.reasons)).toBe(true);
      // no learned model yet and a fresh user: the blend's parts are the whole score
      expect(e.contributions.every((c) => c.name.startsWith('blend:'))).toBe(true);
      const sum = e.contributions.reduce((a, c) => a + c.value, 0);
      expect(sum).toBeCloseTo(i.score, 9);
    }
  });

  it('refuses an explain flag that is not a boolean, naming it', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/v1/feed?user=u&explain=maybe' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.json())).toMatch(/explain/);
  });

  it('never serves two videos of one creator in a row', async () => {
    const body = await feed('u', 30);
    for (let i = 1; i < body.items.length; i++) {
      expect(body.items[i]!.item.creatorId).not.toBe(body.items[i - 1]!.item.creatorId);
    }
  });

  it('ranks an item that is being engaged with above fresher ones', async () => {
    const before = await feed('someone');
    expect(before.items.map((i) => i.itemId)).not.toContain('v5');
    await post(
      Array.from({ length: 5 }, (_, k) =>
        makeEvent({
          type: 'like',
          userId: `fan${k}`,
          itemId: 'v5',
          timestamp: new Date(NOW - 1000).toISOString(),
        }),
      ),
    );
    s.engine.runner.drain();
    const after = await feed('someone-else');
    expect(after.items[0]!.itemId).toBe('v5');
    expect(after.items[0]!.source).toBe('trending');
  });

  it('does not serve again what the user has watched or skipped', async () => {
    const first = await feed('viewer', 5);
    const ids = first.items.map((i) => i.itemId);
    await post(
      ids.map((itemId, position) =>
        makeEvent({
          type: position % 2 ? 'skip' : 'watch',
          userId: 'viewer',
          itemId,
          requestId: first.requestId,
          position,
          timestamp: new Date(NOW).toISOString(),
        }),
      ),
    );
    s.engine.runner.drain();
    clock.advance(2 * 3_600_000); // past the served-recently hold, so only the events exclude them
    const next = await feed('viewer', 50);
    for (const id of ids) expect(next.items.map((i) => i.itemId)).not.toContain(id);
  });

  it('holds back what it served recently, until the hold expires', async () => {
    const first = (await feed('asker', 5)).items.map((i) => i.itemId);
    const second = (await feed('asker', 5)).items.map((i) => i.itemId);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    clock.advance(31 * 60_000);
    const later = (await feed('asker', 10)).items.map((i) => i.itemId);
    expect(later.filter((id) => first.includes(id)).length).toBeGreaterThan(0);
  });

  it('never serves removed items or items scheduled for later', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/items',
      payload: {
        items: [
          makeItem(100, { status: 'removed', createdAt: new Date(NOW - 1000).toISOString() }),
          makeItem(101, { createdAt: new Date(NOW + 3_600_000).toISOString() }),
        ],
      },
    });
    const ids = (await feed('u', 60)).items.map((i) => i.itemId);
    expect(ids).not.toContain('v100');
    expect(ids).not.toContain('v101');
  });

  it('validates user and n', async () => {
    const noUser = await s.app.inject({ method: 'GET', url: '/v1/feed?n=3' });
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json().errors[0]).toMatchObject({ field: 'user', rule: 'required', in: 'query' });
    const badN = await s.app.inject({ method: 'GET', url: '/v1/feed?user=u&n=0' });
    expect(badN.json().errors[0]).toMatchObject({ field: 'n', rule: 'minimum' });
    const hugeN = await s.app.inject({ method: 'GET', url: '/v1/feed?user=u&n=5000' });
    expect(hugeN.statusCode).toBe(400);
  });
});
