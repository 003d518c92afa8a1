import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, parseConfig } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import { makeEvent, makeItem, testServer, type TestServer } from '../test-helpers.js';

const T0 = Date.parse('2026-11-02T12:00:00Z');
let s: TestServer;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(T0);
  s = await testServer({}, { clock });
  await s.app.inject({
    method: 'POST',
    url: '/v1/items',
    payload: { items: Array.from({ length: 60 }, (_, i) => makeItem(i)) },
  });
  s.engine.maintain();
});
afterEach(async () => {
  await s.close();
});

/** The treatment serves nothing: every source is off, which no one could miss in a response. */
const NOTHING = Object.fromEntries([
  ...['trending', 'quality', 'fresh', 'coEngagement', 'embedding', 'content', 'following'].map((name) => [
    `feed.sources.${name}.enabled`,
    false,
  ]),
  ['feed.rerank.trafficPools.enabled', false],
]);

const definition = {
  id: 'empty-feed',
  name: 'A feed with no candidates',
  arms: [{ name: 'control' }, { name: 'treatment', overrides: NOTHING }],
  forced: { qa: 'treatment' },
};

const users = Array.from({ length: 60 }, (_, i) => `u${i}`);

interface FeedBody {
  requestId: string;
  items: { itemId: string }[];
  experiments?: { experiment: string; arm: string }[];
}

describe('experiments over HTTP', () => {
  it('lists the parameters an arm may override', async () => {
    const res = await s.app.inject({ url: '/v1/admin/parameters' });
    const paths = (res.json().parameters as { path: string }[]).map((p) => p.path);
    expect(paths).toContain('feed.weights.trending');
    expect(paths).toContain('learner.headWeights.watchTime');
  });

  it('refuses unknown and ill-typed overrides, naming the field, and creates nothing', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/experiments',
      payload: {
        id: 'bad',
        arms: [{ name: 'a' }, { name: 'b', overrides: { 'feed.weights.trending': 'high', 'feed.nope': 1 } }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(['arms[1].overrides.feed.nope']);
    const typed = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/experiments',
      payload: {
        id: 'bad',
        arms: [{ name: 'a' }, { name: 'a', overrides: { 'feed.weights.trending': 'high' } }],
        control: 'z',
      },
    });
    expect(typed.statusCode).toBe(400);
    expect((typed.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'arms[1].name',
      'arms[1].overrides.feed.weights.trending',
      'control',
    ]);
    const unregistered = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/experiments',
      payload: {
        id: 'models',
        arms: [{ name: 'newest' }, { name: 'old', overrides: { 'feed.rankerVersion': 7 } }],
      },
    });
    expect(unregistered.statusCode).toBe(400);
    expect(unregistered.json().errors).toEqual([
      expect.objectContaining({ field: 'arms[1].overrides.feed.rankerVersion', rule: 'registered' }),
    ]);
    expect((await s.app.inject({ url: '/v1/admin/experiments' })).json().experiments).toEqual([]);
  });

  it('serves each arm its configuration, logs exposures, keeps arms across processes and reports results', async () => {
    const created = await s.app.inject({ method: 'POST', url: '/v1/admin/experiments', payload: definition });
    expect(created.statusCode).toBe(201);
    expect(created.json().experiment).toMatchObject({
      status: 'draft',
      bucketStart: 0,
      bucketEnd: 10_000,
      control: 'control',
    });
    const again = await s.app.inject({ method: 'POST', url: '/v1/admin/experiments', payload: definition });
    expect(again.statusCode).toBe(409);

    // A draft assigns no one.
    const before = (await s.app.inject({ url: '/v1/feed?user=u1&n=5' })).json() as FeedBody;
    expect(before.experiments).toBeUndefined();
    expect(before.items).toHaveLength(5);

    expect(
      (await s.app.inject({ method: 'POST', url: '/v1/admin/experiments/empty-feed/start' })).json()
        .experiment.status,
    ).toBe('running');
    expect(
      (await s.app.inject({ method: 'POST', url: '/v1/admin/experiments/empty-feed/start' })).statusCode,
    ).toBe(409);

    const arms = new Map<string, string>();
    const served = new Map<string, { requestId: string; itemId: string }>();
    for (const user of [...users, 'qa']) {
      const body = (await s.app.inject({ url: `/v1/feed?user=${user}&n=5` })).json() as FeedBody;
      const arm = body.experiments?.[0]?.arm;
      expect(body.experiments).toHaveLength(1);
      arms.set(user, arm!);
      if (body.items[0]) served.set(user, { requestId: body.requestId, itemId: body.items[0].itemId });
      expect(body.items.length).toBe(arm === 'treatment' ? 0 : 5);
    }
    expect(arms.get('qa')).toBe('treatment');
    const treated = users.filter((u) => arms.get(u) === 'treatment').length;
    expect(treated).toBeGreaterThan(15);
    expect(treated).toBeLessThan(45);

    // Another process on the same data directory assigns every user alike.
    const other = new Engine(parseConfig({ dataDir: s.dataDir }), { startProcessors: false });
    try {
      for (const user of users) expect(other.experiments.assign(user)[0]?.arm).toBe(arms.get(user));
    } finally {
      other.close();
    }

    // Control users watch longer than treatment users; the forced QA user is left out.
    clock.set(T0 + 60_000);
    const events = [...users, 'qa'].flatMap((userId, i) => {
      const watchMs = (arms.get(userId) === 'control' ? 12_000 : 4000) + (i % 7) * 500;
      return [
        makeEvent({
          type: 'watch',
          userId,
          // Control users watch what they were served (their samples feed the live series).
          ...(served.get(userId) ?? { itemId: `v${i}` }),
          watchMs,
          timestamp: new Date(T0 + 30_000).toISOString(),
        }),
      ];
    });
    expect((await s.app.inject({ method: 'POST', url: '/v1/events', payload: { events } })).statusCode).toBe(
      200,
    );
    // The dashboard's live series: one line per arm, from the joined samples.
    s.engine.served.flush();
    s.engine.runner.drain();
    clock.set(T0 + 10 * 60_000);
    s.engine.runner.drain();
    const live = (await s.app.inject({ url: '/v1/admin/live' })).json() as { watch: { arm: string }[] };
    expect(new Set(live.watch.map((w) => w.arm))).toEqual(new Set(['all', 'empty-feed/control']));
    clock.set(T0 + 60_000);
    const results = (await s.app.inject({ url: '/v1/admin/experiments/empty-feed/results' })).json();
    expect(
      results.arms.map((a: { users: number }) => a.users).reduce((x: number, y: number) => x + y, 0),
    ).toBe(users.length);
    expect(results.sampleRatio.mismatch).toBe(false);
    const watch = results.metrics.find((m: { name: string }) => m.name === 'watch_time');
    expect(watch.comparisons[0]).toMatchObject({ arm: 'treatment', significant: true });
    expect(watch.comparisons[0].diff).toBeLessThan(-6);
    expect(watch.comparisons[0].ci[1]).toBeLessThan(0);
    expect(results.recommendedUsersPerArm).toMatchObject({ mdeRelative: 0.05 });
    expect(results.recommendedUsersPerArm.users).toBeGreaterThan(0);
    // Sized for another effect on request: twice the effect needs about a quarter of the users.
    const wider = (
      await s.app.inject({ url: '/v1/admin/experiments/empty-feed/results?mdeRelative=0.1' })
    ).json();
    expect(wider.recommendedUsersPerArm.mdeRelative).toBe(0.1);
    expect(wider.recommendedUsersPerArm.users / results.recommendedUsersPerArm.users).toBeCloseTo(0.25, 1);
    const refused = await s.app.inject({ url: '/v1/admin/experiments/empty-feed/results?mdeRelative=0' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(refused.json())).toContain('mdeRelative');

    const stopped = (
      await s.app.inject({ method: 'POST', url: '/v1/admin/experiments/empty-feed/stop' })
    ).json();
    expect(stopped.experiment.status).toBe('stopped');
    const after = (await s.app.inject({ url: '/v1/feed?user=u1&n=5' })).json() as FeedBody;
    expect(after.experiments).toBeUndefined();
  });

  it('serves no one an experiment whose overrides this server cannot apply, and says why', async () => {
    // Written by another server version whose schema had a parameter this one lacks.
    const store = s.engine.experiments.store;
    store.create(
      {
        id: 'from-elsewhere',
        layer: 'other',
        traffic: 100,
        arms: [
          { name: 'control', weight: 1, overrides: {} },
          { name: 'treatment', weight: 1, overrides: { 'feed.sources.gone.quota': 5 } },
        ],
        control: 'control',
        forced: {},
      },
      T0,
    );
    store.start('from-elsewhere', T0);
    const shown = (await s.app.inject({ url: '/v1/admin/experiments/from-elsewhere' })).json();
    expect(shown.experiment.status).toBe('running');
    expect(shown.experiment.servingProblems).toEqual([
      {
        pointer: '/arms/1/overrides/feed.sources.gone.quota',
        message: expect.stringMatching(/Unknown parameter/),
      },
    ]);
    for (const user of users.slice(0, 20)) {
      const feed = (await s.app.inject({ url: `/v1/feed?user=${user}&n=5` })).json() as FeedBody;
      expect(feed.experiments).toBeUndefined();
    }
    s.engine.experiments.close();
    expect(store.exposures('from-elsewhere')).toEqual([]);
    const listed = (await s.app.inject({ url: '/v1/admin/experiments' })).json();
    expect(listed.experiments[0].servingProblems).toHaveLength(1);
  });

  it('serves an arm its pinned ranker version, retrying one that failed to load', async () => {
    // One joined sample is enough for the learner to publish a version.
    const first = (await s.app.inject({ url: '/v1/feed?user=u1&n=1' })).json() as FeedBody;
    const view = { userId: 'u1', requestId: first.requestId, itemId: first.items[0]!.itemId, position: 0 };
    const at = new Date(T0 + 1000).toISOString();
    const events = [
      makeEvent({ ...view, type: 'impression', timestamp: at }),
      makeEvent({ ...view, type: 'watch', watchMs: 9000, timestamp: at }),
    ];
    await s.app.inject({ method: 'POST', url: '/v1/events', payload: { events } });
    s.engine.served.flush();
    clock.set(T0 + 60_000);
    s.engine.runner.drain();
    s.engine.runner.step();
    const { version, dir } = s.engine.learn(true).published!;
    const artifact = join(dir, 'model.fym');
    const bytes = readFileSync(artifact);
    writeFileSync(artifact, bytes.subarray(0, 100)); // still registered, but fails its checksum
    const pinned = {
      id: 'pinned-ranker',
      layer: 'ranking',
      arms: [{ name: 'control' }, { name: 'pinned', overrides: { 'feed.rankerVersion': version } }],
      forced: { qa: 'pinned' },
    };
    expect(
      (await s.app.inject({ method: 'POST', url: '/v1/admin/experiments', payload: pinned })).statusCode,
    ).toBe(201);
    await s.app.inject({ method: 'POST', url: '/v1/admin/experiments/pinned-ranker/start' });
    const modelScored = async () => {
      const feed = (await s.app.inject({ url: '/v1/feed?user=qa&n=3' })).json() as FeedBody;
      expect(feed.experiments).toEqual([{ experiment: 'pinned-ranker', arm: 'pinned' }]);
      s.engine.served.flush();
      const row = s.engine.db
        .prepare('SELECT items FROM served WHERE request_id = ?')
        .get(feed.requestId) as {
        items: string;
      };
      const items = JSON.parse(row.items) as { features: Record<string, number> }[];
      expect(items.length).toBeGreaterThan(0);
      return items.every((i) => 'model_score' in i.features);
    };
    expect(await modelScored()).toBe(false); // served without the model it could not load
    writeFileSync(artifact, bytes);
    clock.set(T0 + 65_000);
    s.engine.maintain();
    expect(await modelScored()).toBe(true);
  });

  it('answers 404 for an unknown experiment', async () => {
    const res = await s.app.inject({ url: '/v1/admin/experiments/nope/results' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
