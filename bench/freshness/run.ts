// bench/freshness: from POST /v1/events to (a) the user's profile showing it and (b) the next feed
// reflecting it, under a steady background load; and (c) to a learned ranker version that has
// learned from it being served.
// Usage: npm run build && npm run bench:freshness [-- --seconds 30 --rate 5000 --videos 10000 --warmup 5]
//
// Probes start after `warmup` seconds of the background load: the catalog has just been uploaded,
// and the server's first maintenance after it fits the content models on the serving thread (once
// per doubling of the catalog), stalling what queues behind it: that is not freshness.
// (a) a probe user likes a video: time until GET /v1/users/:id/profile has the video's creator.
// (b) the same user follows a creator in the same batch: time until GET /v1/feed serves one of that
//     creator's videos (the following source reads follows from the profile).
// (c) a viewer watches what a feed served them (impression + watch with its request id): time until
//     the ranker version serving (GET /v1/admin/models) has learned samples up to and including that
//     view's sample (its offset from GET /v1/admin/samples?request=).
import { parseArgs } from 'node:util';
import { generateWorld } from '../../src/sim/index.js';
import { latencySummary, postJson, record, startServer } from '../lib.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '5000' },
    videos: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '5' },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const nVideos = Number(values.videos);
const warmupSeconds = Number(values.warmup);
const TICK_MS = 20;

const server = await startServer({ FORYOU_LOG_LEVEL: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(server.url + path);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

interface FeedItem {
  itemId: string;
  source: string;
  item: { creatorId: string };
}
interface Feed {
  requestId: string;
  items: FeedItem[];
}
interface ModelState {
  name: string;
  serving: number | null;
  versions: { version: number; dataSummary: { samplesOffset?: number } | null }[];
}

try {
  const now = Date.now();
  const world = generateWorld({ seed: 7, videos: nVideos, creators: Math.max(10, nVideos / 20), now });
  for (let i = 0; i < world.creators.length; i += 1000)
    await postJson(`${server.url}/v1/creators`, { creators: world.creators.slice(i, i + 1000) });
  for (let i = 0; i < world.items.length; i += 1000)
    await postJson(`${server.url}/v1/items`, { items: world.items.slice(i, i + 1000) });
  const items = world.items;
  // Creators with a video from the last day: the following source serves their new uploads.
  const recentCreators = [
    ...new Set(items.filter((v) => Date.parse(v.createdAt!) > now - 86_400_000).map((v) => v.creatorId)),
  ];
  if (recentCreators.length === 0) throw new Error('no creator uploaded in the last day');

  // Background load: `rate` events/s from 20,000 users, open loop in ticks of TICK_MS; each tick
  // sends what is due by the clock, so a late timer does not lower the rate offered.
  let seq = 0;
  let sent = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const loadStart = performance.now();
  const load = setInterval(() => {
    const ts = new Date().toISOString();
    const due = Math.floor(((performance.now() - loadStart) * rate) / 1000) - seq;
    const events = Array.from({ length: Math.max(0, due) }, () => {
      seq += 1;
      const v = items[(seq * 7919) % items.length]!;
      return seq % 3 === 0
        ? {
            id: `bg${seq}`,
            type: 'watch',
            userId: `bg${seq % 20_000}`,
            itemId: v.id,
            watchMs: 9000,
            timestamp: ts,
          }
        : { id: `bg${seq}`, type: 'impression', userId: `bg${seq % 20_000}`, itemId: v.id, timestamp: ts };
    });
    postJson(`${server.url}/v1/events`, { events }).then(
      () => (sent += events.length),
      (error: unknown) => {
        firstFailure ??= String(error);
        failed += events.length;
      },
    );
  }, TICK_MS);

  const profileMs: number[] = [];
  const feedMs: number[] = [];
  /** Every probe's feed request, timed: the serving latency under the background load. */
  const feedRequestMs: number[] = [];
  const modelMs: number[] = [];
  const misses = { profile: 0, feed: 0, model: 0 };
  await sleep(warmupSeconds * 1000);
  const deadline = Date.now() + seconds * 1000;
  let probe = 0;
  const probes: Promise<void>[] = [];
  while (Date.now() < deadline) {
    probe += 1;
    const userId = `probe${probe}`;
    const liked = items[(probe * 104_729) % items.length]!;
    const followed = recentCreators[probe % recentCreators.length]!;
    probes.push(
      (async () => {
        const ts = new Date().toISOString();
        const t0 = performance.now();
        await postJson(`${server.url}/v1/events`, {
          events: [
            { id: `${userId}-like`, type: 'like', userId, itemId: liked.id, timestamp: ts },
            { id: `${userId}-follow`, type: 'follow', userId, creatorId: followed, timestamp: ts },
          ],
        });
        const until = t0 + 10_000;
        const profileSeen = (async () => {
          while (performance.now() < until) {
            const p = await getJson<{ creators: Record<string, number> }>(`/v1/users/${userId}/profile`);
            if ((p.creators[liked.creatorId] ?? 0) > 0) return profileMs.push(performance.now() - t0);
            await sleep(5);
          }
          misses.profile += 1;
        })();
        const feedSeen = (async () => {
          while (performance.now() < until) {
            const asked = performance.now();
            const feed = await getJson<Feed>(`/v1/feed?user=${userId}&n=10`);
            feedRequestMs.push(performance.now() - asked);
            if (feed.items.some((i) => i.item.creatorId === followed))
              return feedMs.push(performance.now() - t0);
            await sleep(5);
          }
          misses.feed += 1;
        })();
        await Promise.all([profileSeen, feedSeen]);
      })(),
    );
    await sleep(250);
  }
  await Promise.all(probes);

  // (c): every 2 s, a view of a served video; time until the serving ranker has learned from it.
  const modelDeadline = Date.now() + Math.min(seconds, 30) * 1000;
  for (let n = 0; Date.now() < modelDeadline; n++) {
    const userId = `viewer${n}`;
    const feed = await getJson<Feed>(`/v1/feed?user=${userId}&n=3`);
    const first = feed.items[0];
    if (!first) throw new Error('empty feed');
    const ts = new Date().toISOString();
    const base = { userId, itemId: first.itemId, requestId: feed.requestId, position: 0 };
    const t0 = performance.now();
    await postJson(`${server.url}/v1/events`, {
      events: [
        { ...base, id: `${userId}-imp`, type: 'impression', timestamp: ts },
        { ...base, id: `${userId}-watch`, type: 'watch', watchMs: 30_000, timestamp: ts },
      ],
    });
    // the view's sample (once the joiner has closed it), then a serving ranker that learned it
    const until = t0 + 30_000;
    let sampleOffset: number | null = null;
    let seen = false;
    while (performance.now() < until && !seen) {
      if (sampleOffset === null) {
        const { samples } = await getJson<{ samples: { itemId: string; offset: number }[] }>(
          `/v1/admin/samples?request=${feed.requestId}`,
        );
        sampleOffset = samples.find((x) => x.itemId === first.itemId)?.offset ?? null;
      }
      if (sampleOffset !== null) {
        const { models } = await getJson<{ models: ModelState[] }>('/v1/admin/models');
        const ranker = models.find((m) => m.name === 'ranker');
        const serving = ranker?.versions.find((v) => v.version === ranker.serving);
        seen = (serving?.dataSummary?.samplesOffset ?? 0) >= sampleOffset;
      }
      if (!seen) await sleep(20);
    }
    if (seen) modelMs.push(performance.now() - t0);
    else misses.model += 1;
    await sleep(2000);
  }
  clearInterval(load);
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const a = latencySummary(profileMs, 1);
  const b = latencySummary(feedMs, 1);
  const c = modelMs.length > 0 ? latencySummary(modelMs, 1) : null;
  const requests = latencySummary(feedRequestMs, 1);
  process.stdout.write(
    `background ${Math.round(sent / loadSeconds)} events/s sent (${failed} failed${firstFailure ? `, first: ${firstFailure}` : ''})\n` +
      `(a) event -> profile: ${profileMs.length} probes, p50 ${a.p50} ms, p99 ${a.p99} ms, max ${a.max} ms, missed ${misses.profile}\n` +
      `(b) event -> feed:    ${feedMs.length} probes, p50 ${b.p50} ms, p99 ${b.p99} ms, max ${b.max} ms, missed ${misses.feed}\n` +
      `(c) event -> model:   ${modelMs.length} probes, ${c ? `p50 ${c.p50} ms, p99 ${c.p99} ms, max ${c.max} ms` : 'none'}, missed ${misses.model}\n` +
      `feed requests during the load: ${feedRequestMs.length}, p50 ${requests.p50} ms, p99 ${requests.p99} ms, max ${requests.max} ms\n`,
  );
  record('freshness', {
    command: `npm run bench:freshness -- --seconds ${seconds} --rate ${rate} --videos ${nVideos} --warmup ${warmupSeconds}`,
    target: 'p99 < 1 s for (a) and (b) at 5,000 events/s; < 10 s for (c)',
    backgroundEventsPerSecond: Math.round(sent / loadSeconds),
    failedEvents: failed,
    firstFailure,
    profile: { ...a, probes: profileMs.length, missed: misses.profile },
    feed: { ...b, probes: feedMs.length, missed: misses.feed },
    model: c ? { ...c, probes: modelMs.length, missed: misses.model } : { probes: 0, missed: misses.model },
    feedRequests: { ...requests, count: feedRequestMs.length },
  });
} finally {
  await server.stop();
}
