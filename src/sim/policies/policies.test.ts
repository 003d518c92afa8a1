import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../core/index.js';
import { expectedWatchMs, baseAppeal } from '../behaviour.js';
import { generateUsers, startSession } from '../users.js';
import { Rng } from '../../core/index.js';
import { generateWorld } from '../world.js';
import { PopularPolicy, RandomPolicy } from './baselines.js';
import { HttpFeedPolicy } from './http.js';
import { OraclePolicy } from './oracle.js';

const world = generateWorld({ seed: 31, videos: 600, creators: 40, futureHours: 48 });
const now = world.now;
const impression = (userId: string, itemId: string, i = 0): Event => ({
  id: `e${userId}${itemId}${i}`,
  type: 'impression',
  userId,
  itemId,
  timestamp: new Date(now).toISOString(),
});

describe('baseline policies', () => {
  it('random serves distinct, published, unseen videos', async () => {
    const policy = new RandomPolicy(world, 1);
    const first = await policy.recommend('u1', 10, now);
    expect(new Set(first.itemIds).size).toBe(10);
    for (const id of first.itemIds)
      expect(world.hidden.createdAtMs[world.index.get(id)!]).toBeLessThanOrEqual(now);
    policy.observe(first.itemIds.map((id) => impression('u1', id)));
    for (let i = 0; i < 20; i++) {
      const next = await policy.recommend('u1', 10, now);
      expect(next.itemIds.filter((id) => first.itemIds.includes(id))).toEqual([]);
    }
  });

  it('popular ranks by accumulated engagement and never repeats a seen video', async () => {
    const policy = new PopularPolicy(world, 1);
    const [a, b, c] = ['v00010', 'v00020', 'v00030'];
    const ev = (type: Event['type'], itemId: string, extra: Partial<Event> = {}): Event => ({
      ...impression('other', itemId, Math.random()),
      type,
      ...extra,
    });
    policy.observe([
      ev('like', a!),
      ev('share', b!),
      ev('watch', c!, { watchMs: world.hidden.durationMs[world.index.get(c!)!]! * 5 }), // capped at 3
    ]);
    expect((await policy.recommend('u1', 3, now)).itemIds).toEqual([b, c, a]);
    policy.observe([impression('u1', b!)]);
    expect((await policy.recommend('u1', 2, now)).itemIds).toEqual([c, a]);
    policy.observe([ev('not_interested', c!)]);
    expect((await policy.recommend('u1', 1, now)).itemIds).toEqual([a]);
  });
});

describe('oracle policy', () => {
  it('serves the unseen videos of highest expected watch time, spreading creators', async () => {
    const users = generateUsers(world, { count: 1, seed: 31 });
    const user = users[0]!;
    startSession(user, new Rng(1));
    const oracle = new OraclePolicy(world, users);
    const page = await oracle.recommend(user.id, 10, now);
    expect(page.itemIds).toHaveLength(10);
    const ev = (v: number) => expectedWatchMs(baseAppeal(world, user, v), world.hidden.durationMs[v]!);
    let best = -1;
    for (let v = 0; v < world.hidden.count; v++) {
      if (world.hidden.createdAtMs[v]! <= now && (best < 0 || ev(v) > ev(best))) best = v;
    }
    expect(page.itemIds[0]).toBe(world.items[best]!.id);
    const served = page.itemIds.map((id) => world.index.get(id)!);
    expect(served.every((v) => world.hidden.createdAtMs[v]! <= now)).toBe(true);
    // Fatigue is part of its objective: one creator does not fill the page.
    const creators = served.map((v) => world.hidden.creator[v]);
    expect(new Set(creators).size).toBeGreaterThan(3);
    oracle.observe(page.itemIds.map((id) => impression(user.id, id)));
    const next = await oracle.recommend(user.id, 10, now);
    expect(next.itemIds.filter((id) => page.itemIds.includes(id))).toEqual([]);
    // Later, the new uploads are candidates too.
    const later = await oracle.recommend(user.id, 600, now + 48 * 3_600_000);
    expect(later.itemIds.some((id) => world.hidden.createdAtMs[world.index.get(id)!]! > now)).toBe(true);
  });
});

describe('HTTP policy', () => {
  it('speaks the foryou API: catalog and events in batches of at most 1000, feed by query', async () => {
    const seen: { method: string; url: string; auth?: string; body: unknown }[] = [];
    const read = (req: IncomingMessage): Promise<string> =>
      new Promise((resolve) => {
        let data = '';
        req.on('data', (c: Buffer) => (data += c.toString()));
        req.on('end', () => resolve(data));
      });
    const server = createServer(async (req, res) => {
      const text = await read(req);
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        body: text ? JSON.parse(text) : null,
      });
      res.setHeader('content-type', 'application/json');
      if (req.url!.startsWith('/v1/feed')) {
        res.end(
          JSON.stringify({
            requestId: 'req-1',
            userId: 'u1',
            items: [
              { itemId: 'v00002', position: 1, source: 'x', score: 1, item: {} },
              { itemId: 'v00001', position: 0, source: 'x', score: 2, item: {} },
            ],
          }),
        );
      } else if (req.url === '/v1/events' && seen.filter((s) => s.url === '/v1/events').length > 2) {
        res.statusCode = 400;
        res.end(JSON.stringify({ code: 'validation' }));
      } else {
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const policy = new HttpFeedPolicy({ baseUrl: `http://127.0.0.1:${port}/`, apiKey: 'k'.repeat(20) });
      await policy.prepare(world);
      const page = await policy.recommend('u 1', 2, 0, { locale: 'pt-BR', network: 'wifi' });
      expect(page).toEqual({ requestId: 'req-1', itemIds: ['v00001', 'v00002'] });
      const events = Array.from({ length: 2500 }, (_, i) => impression('u1', 'v00001', i));
      await expect(policy.observe(events)).rejects.toThrow(/HTTP 400/);
      const items = seen.filter((s) => s.url === '/v1/items');
      expect(items.map((s) => (s.body as { items: unknown[] }).items.length)).toEqual([world.items.length]);
      expect(seen.find((s) => s.url === '/v1/creators')).toBeDefined();
      // the device's context goes with the feed request, as its query
      expect(seen.find((s) => s.method === 'GET')!.url).toBe(
        '/v1/feed?user=u+1&n=2&locale=pt-BR&network=wifi',
      );
      const batches = seen
        .filter((s) => s.url === '/v1/events')
        .map((s) => (s.body as { events: unknown[] }).events.length);
      expect(batches).toEqual([1000, 1000, 500]);
      expect(seen.every((s) => s.auth === `Bearer ${'k'.repeat(20)}`)).toBe(true);
    } finally {
      server.close();
    }
  });
});
