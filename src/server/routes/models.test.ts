import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeItem, testServer, type TestServer } from '../test-helpers.js';

let s: TestServer;
beforeEach(async () => {
  // samples close as soon as the view has ended, so one drain of the log closes them
  s = await testServer({ joiner: { closeAfterViewMs: 0 } });
});
afterEach(async () => {
  await s.close();
});

interface FeedBody {
  requestId: string;
  items: { itemId: string }[];
}

/** The features each item of a request was served with, from the served log. */
function servedFeatures(server: TestServer, requestId: string): Record<string, number>[] {
  server.engine.served.flush();
  const row = server.engine.db.prepare('SELECT items FROM served WHERE request_id = ?').get(requestId) as {
    items: string;
  };
  return (JSON.parse(row.items) as { features: Record<string, number> }[]).map((i) => i.features);
}

describe('models and samples endpoints', () => {
  it('shows the joined samples of a request and the ranker version learned from them, then serving', async () => {
    await s.app.inject({
      method: 'POST',
      url: '/v1/items',
      payload: { items: Array.from({ length: 30 }, (_, i) => makeItem(i)) },
    });
    s.engine.maintain();
    const empty = (await s.app.inject({ url: '/v1/admin/models' })).json();
    expect(empty.models.map((m: { name: string }) => m.name).sort()).toEqual(['ials', 'ranker']);
    for (const m of empty.models) expect(m).toMatchObject({ serving: null, versions: [] });

    const feed = (await s.app.inject({ url: '/v1/feed?user=u1&n=3' })).json() as FeedBody;
    expect(feed.items.length).toBe(3);
    for (const f of servedFeatures(s, feed.requestId)) expect(f).not.toHaveProperty('model_score'); // no model yet
    const now = new Date().toISOString();
    const base = { userId: 'u1', requestId: feed.requestId, timestamp: now };
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: {
        events: feed.items.flatMap((item, position) => [
          { ...base, id: `imp${position}`, type: 'impression', itemId: item.itemId, position },
          position === 0
            ? { ...base, id: `w${position}`, type: 'watch', itemId: item.itemId, position, watchMs: 40_000 }
            : { ...base, id: `s${position}`, type: 'skip', itemId: item.itemId, position, watchMs: 300 },
        ]),
      },
    });
    expect(res.statusCode).toBe(200);
    s.engine.runner.drain();
    s.engine.runner.step(); // closes what the drain left open

    const { samples } = (await s.app.inject({ url: `/v1/admin/samples?request=${feed.requestId}` })).json();
    expect(samples.map((x: { itemId: string }) => x.itemId)).toEqual(feed.items.map((i) => i.itemId));
    expect(samples[0]).toMatchObject({ position: 0, finished: true, quickSkip: false });
    expect(samples[1]).toMatchObject({ position: 1, finished: false, quickSkip: true });

    const step = s.engine.learn(true);
    expect(step.learned).toBe(3);
    const models = (await s.app.inject({ url: '/v1/admin/models' })).json();
    const ranker = models.models.find((m: { name: string }) => m.name === 'ranker');
    expect(ranker.serving).toBe(step.published!.version);
    expect(ranker.versions[0].dataSummary.samplesOffset).toBe(samples[2].offset);

    // the next feed is scored by the model it serves
    const next = (await s.app.inject({ url: '/v1/feed?user=u2&n=3' })).json() as FeedBody;
    const features = servedFeatures(s, next.requestId);
    expect(features.length).toBe(3);
    for (const f of features) expect(f.model_score).toEqual(expect.any(Number));
  });

  it('refuses a samples query without a request id, naming the field', async () => {
    const res = await s.app.inject({ url: '/v1/admin/samples' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('request');
  });
});
