// bench/feed: feed latency under concurrent load over loopback, at 10,000 videos, with a history of
// engagement so trending and the seen filters have real work to do.
// Usage: npm run build && npm run bench:feed [-- --seconds 20 --connections 50 --videos 10000 --users 2000]
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { generateWorld } from '../../src/sim/index.js';
import { postJson, record, startServer } from '../lib.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    videos: { type: 'string', default: '10000' },
    users: { type: 'string', default: '2000' },
    events: { type: 'string', default: '100000' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const videos = Number(values.videos);
const users = Number(values.users);
const eventCount = Number(values.events);

const server = await startServer({ FORYOU_LOG_LEVEL: 'silent' });
try {
  const world = generateWorld({ seed: 7, videos, creators: Math.max(1, Math.round(videos / 20)) });
  for (let i = 0; i < world.creators.length; i += 1000) {
    await postJson(`${server.url}/v1/creators`, { creators: world.creators.slice(i, i + 1000) });
  }
  for (let i = 0; i < world.items.length; i += 1000) {
    await postJson(`${server.url}/v1/items`, { items: world.items.slice(i, i + 1000) });
  }
  // A skewed history: popular videos get more of it, each user has watched some videos.
  const now = Date.now();
  let rng = 12345;
  const rand = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let sent = 0; sent < eventCount; sent += 1000) {
    const events = Array.from({ length: Math.min(1000, eventCount - sent) }, (_, k) => {
      const item = world.items[Math.floor(Math.pow(rand(), 3) * world.items.length)]!;
      return {
        id: `hist-${sent + k}`,
        type: rand() < 0.7 ? 'watch' : 'like',
        userId: `u${Math.floor(rand() * users)}`,
        itemId: item.id,
        watchMs: Math.floor(rand() * item.durationMs),
        timestamp: new Date(now - Math.floor(rand() * 86_400_000)).toISOString(),
      };
    });
    await postJson(`${server.url}/v1/events`, { events });
  }
  // Let the processors catch up before measuring.
  for (;;) {
    const log = (await (await fetch(`${server.url}/v1/admin/log`)).json()) as { groups: { lag: number }[] };
    if (log.groups.length > 0 && log.groups.every((g) => g.lag === 0)) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  let u = 0;
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/v1/feed?user=u${u++ % users}&n=10` }) }],
  });
  process.stdout.write(
    `feed: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, ` +
      `p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms (${result.non2xx} non-2xx, ${result.errors} errors)\n`,
  );
  record('feed', {
    command: `npm run bench:feed -- --seconds ${seconds} --connections ${connections} --videos ${videos} --users ${users} --events ${eventCount}`,
    target: 'p99 < 20 ms at 10,000 videos',
    videos,
    users,
    historyEvents: eventCount,
    connections,
    seconds: result.duration,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
  });
} finally {
  await server.stop();
}
