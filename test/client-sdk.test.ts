// The client SDK in Node against a real foryou server on loopback: a view becomes an impression
// and a measured watch, events wait and retry while the server is down and arrive once it is back,
// a repeated batch counts once, and a bad event is dropped without costing the good ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventQueue, ForYou, Transport, type ClientEvent } from '@foryou/client';
import { parseConfig } from '../src/core/index.js';
import { Engine } from '../src/engine/index.js';
import { buildServer } from '../src/server/index.js';
import { makeItem } from '../src/server/test-helpers.js';

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function serve(dataDir: string, port = 0) {
  const engine = new Engine(parseConfig({ dataDir, server: { logLevel: 'silent' } }), {
    startProcessors: false,
  });
  const server = await buildServer(engine);
  const address = await server.app.listen({ host: '127.0.0.1', port });
  const close = async () => {
    await server.app.close();
    engine.close();
  };
  return { engine, url: address, port: Number(new URL(address).port), close };
}

const newDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'foryou-sdk-'));
  dirs.push(d);
  return d;
};
const countEvents = (engine: Engine, user: string) =>
  engine.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE user_id = ?').get(user)!
    .n;

describe('@foryou/client against a real server', () => {
  it('turns views into impressions and measured watches, and plays the feed', async () => {
    const s = await serve(newDir());
    closers.push(s.close);
    s.engine.ingestor.upsertItems(Array.from({ length: 40 }, (_, i) => makeItem(i)));
    s.engine.maintain(); // the quality pools, which a serving engine builds every second
    let t = Date.now();
    const sdk = new ForYou({ userId: 'node-user', baseUrl: s.url, now: () => t, flushIntervalMs: 10 });
    closers.push(async () => sdk.close());
    const feed = sdk.feed({ n: 5, extra: 3 });
    const first = (await feed.next())!;
    expect(first.index).toBe(0);
    sdk.show(first);
    t += 12_000;
    sdk.like();
    const second = (await feed.next())!;
    const ended = sdk.show(second)!;
    expect(ended).toMatchObject({
      itemId: first.feedItem.itemId,
      watchMs: 12_000,
      liked: true,
      quickSkip: false,
    });
    t += 300;
    sdk.end();
    await sdk.flush();
    const types = s.engine.db
      .prepare<[], { type: string }>("SELECT type FROM events WHERE user_id = 'node-user' ORDER BY ts, type")
      .all()
      .map((r) => r.type);
    expect(types.sort()).toEqual(['impression', 'impression', 'like', 'skip', 'watch']);
    expect(feed.modelVersion).toBeTruthy();
  });

  it('keeps events while the server is down and delivers each once when it returns', async () => {
    const dir = newDir();
    const first = await serve(dir);
    const port = first.port;
    await first.close();
    const queue = new EventQueue({
      transport: new Transport({ baseUrl: `http://127.0.0.1:${port}` }),
      flushIntervalMs: 5,
      retryBaseMs: 20,
      retryMaxMs: 100,
    });
    closers.push(async () => queue.close());
    const ev = (i: number): ClientEvent => ({
      id: `down-${i}`,
      type: 'impression',
      userId: 'u-down',
      itemId: 'v1',
      timestamp: new Date().toISOString(),
    });
    queue.push(ev(1), ev(2), ev(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(queue.stats.retries).toBeGreaterThan(0);
    expect(queue.size).toBe(3);
    const back = await serve(dir, port);
    closers.push(back.close);
    await queue.drained();
    expect(countEvents(back.engine, 'u-down')).toBe(3);
    // The same ids again (a batch whose answer was lost): accepted and counted once.
    queue.push(ev(1), ev(2));
    await queue.flush();
    await queue.drained();
    expect(queue.stats.duplicates).toBe(2);
    expect(countEvents(back.engine, 'u-down')).toBe(3);
  });

  it('drops only the events the server names as bad', async () => {
    const s = await serve(newDir());
    closers.push(s.close);
    const rejected: ClientEvent[] = [];
    const queue = new EventQueue({
      transport: new Transport({ baseUrl: s.url }),
      flushIntervalMs: 5,
      onRejected: (e) => rejected.push(...e),
    });
    closers.push(async () => queue.close());
    const ts = new Date().toISOString();
    queue.push(
      { id: 'ok-1', type: 'impression', userId: 'u-bad', itemId: 'v1', timestamp: ts },
      { id: 'bad-1', type: 'watch', userId: 'u-bad', itemId: 'v1', timestamp: ts }, // watch needs watchMs
      { id: 'ok-2', type: 'like', userId: 'u-bad', itemId: 'v1', timestamp: ts },
    );
    await queue.drained();
    expect(rejected.map((e) => e.id)).toEqual(['bad-1']);
    expect(countEvents(s.engine, 'u-bad')).toBe(2);
  });
});
