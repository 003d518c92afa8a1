// bench/ingest: events per second through POST /v1/events in batches of 500, into the store.
// Usage: npm run build && npm run bench:ingest [-- --seconds 20 --connections 8 --batch 500]
// Every event id is unique, so every event is really written (no duplicate shortcut).
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { record, startServer } from '../lib.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    batch: { type: 'string', default: '500' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const batchSize = Number(values.batch);

const TYPES = ['impression', 'watch', 'skip', 'like', 'share'] as const;
let seq = 0;
function body(): string {
  const now = Date.now();
  const events = [];
  for (let i = 0; i < batchSize; i++) {
    seq += 1;
    const type = TYPES[seq % TYPES.length]!;
    events.push({
      id: `bench-${seq}`,
      type,
      userId: `u${seq % 5000}`,
      itemId: `v${seq % 10000}`,
      timestamp: new Date(now - (seq % 1000)).toISOString(),
      requestId: `r${Math.floor(seq / 10)}`,
      position: seq % 10,
      ...(type === 'watch' ? { watchMs: 5000 + (seq % 20000), durationMs: 30000 } : {}),
      context: { os: 'ios', appVersion: '1.0.0', network: 'wifi', locale: 'en-US' },
    });
  }
  return JSON.stringify({ events });
}

const server = await startServer({ FORYOU_LOG_LEVEL: 'silent' });
try {
  const result = await autocannon({
    url: `${server.url}/v1/events`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  const ok = result['2xx'];
  const eventsPerSecond = Math.round((ok * batchSize) / (result.duration || seconds));
  // The stream processors run in the same server: what they have yet to read when the load ends
  // (the group furthest behind) says how much of the accepted rate they kept up with.
  const live = (await (await fetch(`${server.url}/v1/admin/live`)).json()) as {
    processors: { group: string; lag: number }[];
  };
  const lagAtEnd = Math.max(0, ...live.processors.map((p) => p.lag));
  process.stdout.write(
    `ingest: ${eventsPerSecond} events/s accepted (${ok} batches of ${batchSize}, ${result.non2xx} non-2xx), ` +
      `batch latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms; ` +
      `the slowest stream processor ${lagAtEnd} events behind at the end\n`,
  );
  record('ingest', {
    command: `npm run bench:ingest -- --seconds ${seconds} --connections ${connections} --batch ${batchSize}`,
    target: '>= 20,000 events/s accepted',
    eventsPerSecond,
    batches: ok,
    non2xx: result.non2xx,
    batchSize,
    connections,
    seconds: result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
    storeSynchronous: 'full',
    processorLagAtEnd: lagAtEnd,
  });
} finally {
  await server.stop();
}
