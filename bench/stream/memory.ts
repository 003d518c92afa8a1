// bench/stream/memory: bytes of per-user state, on disk and in memory, after N simulated users each
// with a realistic history (30-60 events: impressions, watches or quick skips, likes, shares and a
// follow, in one to three sessions over the last three days) have gone through the processors that
// keep state per user (profile, co-visit sessions, seen-sets).
// Usage: npx tsx bench/stream/memory.ts [--users 1000000] [--videos 10000]   (--users 100000: ~1 min)
// The records are handed to the processors directly, in transactions of about 4,000 as the runner
// does, without the event log (its bytes are the log's, not state; retention bounds them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Event } from '../../src/core/index.js';
import type { Engine } from '../../src/engine/index.js';
import type { LogRecord } from '../../src/log/index.js';
import { relaxedTransaction } from '../../src/store/index.js';
import { record } from '../lib.js';
import { engineWithCatalog } from './setup.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    videos: { type: 'string', default: '10000' },
  },
});
const nUsers = Number(values.users);
const nVideos = Number(values.videos);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

let rng = 987654321;
const rand = () => (rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 2 ** 32;

/** One user's history, oldest first: a taste for a neighbourhood of the catalog, plus popular videos. */
function history(userId: string, itemIds: string[], creatorOf: Map<string, string>, end: number): Event[] {
  const events: Event[] = [];
  const target = 30 + Math.floor(rand() * 31);
  const home = Math.floor(rand() * itemIds.length);
  const sessions = 1 + Math.floor(rand() * 3);
  let t = end - Math.floor(rand() * 3 * 86_400_000);
  let n = 0;
  const push = (e: Omit<Event, 'id' | 'userId' | 'timestamp'>, dt: number) => {
    events.push({ ...e, id: `${userId}.${n++}`, userId, timestamp: new Date(t + dt).toISOString() } as Event);
  };
  for (let s = 0; s < sessions && events.length < target; s++) {
    const perSession = Math.ceil(target / sessions);
    for (let k = 0; events.length < Math.min(target, perSession * (s + 1)); k++) {
      const itemId =
        rand() < 0.6
          ? itemIds[(home + Math.floor(rand() * rand() * 300)) % itemIds.length]!
          : itemIds[Math.floor(rand() * rand() * itemIds.length)]!;
      const base = { itemId, requestId: `${userId}.r${s}.${k >> 3}`, position: k % 8 };
      push({ ...base, type: 'impression' }, 0);
      if (rand() < 0.3) {
        push({ ...base, type: 'skip', watchMs: 800, durationMs: 20_000 }, 1_000);
      } else {
        const watchMs = Math.floor(rand() * 40_000);
        push({ ...base, type: 'watch', watchMs, durationMs: 20_000 }, 1_000 + watchMs);
        if (rand() < 0.15) push({ ...base, type: 'like' }, 2_000 + watchMs);
        if (rand() < 0.03) push({ ...base, type: 'share' }, 3_000 + watchMs);
      }
      t += 25_000;
    }
    if (s === 0) push({ type: 'follow', creatorId: creatorOf.get(events[0]!.itemId!)! }, 500);
    t += 2 * 3_600_000 + Math.floor(rand() * 12 * 3_600_000); // the next session, hours later
  }
  return events;
}

/** Bytes per table and index: dbstat if SQLite has it, else the file's pages (one total). */
function tableBytes(engine: Engine): Record<string, number> {
  try {
    const rows = engine.db
      .prepare<[], { name: string; bytes: number }>(
        `SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`,
      )
      .all();
    return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  } catch {
    const pages = engine.db.pragma('page_count', { simple: true }) as number;
    const size = engine.db.pragma('page_size', { simple: true }) as number;
    return { '(whole file; no dbstat)': pages * size };
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'foryou-bench-memory-'));
try {
  const now = Date.now();
  const { engine, itemIds, creatorOf } = engineWithCatalog(dataDir, nVideos, now - 30 * 86_400_000);
  const byGroup = new Map(engine.runner.processors.map((p) => [p.group, p]));
  const processors = ['profile', 'co-visit', 'seen'].map((g) => byGroup.get(g)!);
  const heapBefore = heapAfterGc();
  const tablesBefore = tableBytes(engine);

  const t0 = performance.now();
  let events = 0;
  let batch: LogRecord[] = [];
  const flush = () => {
    const publishers: (() => void)[] = [];
    relaxedTransaction(engine.db, () => {
      for (const p of processors) {
        const publish = p.process(batch);
        if (publish) publishers.push(publish);
      }
    });
    for (const publish of publishers) publish();
    events += batch.length;
    batch = [];
  };
  for (let u = 0; u < nUsers; u++) {
    const userId = `u${u}`;
    engine.seen.get(userId); // as the feed does on the user's first request: the seen-set is cached
    for (const event of history(userId, itemIds, creatorOf, now - 3_600_000))
      batch.push({ partition: 0, offset: events + batch.length + 1, receivedAt: now, event });
    if (batch.length >= 4000) flush();
    if ((u + 1) % 100_000 === 0) process.stdout.write(`  ${u + 1} users, ${events} events\n`);
  }
  if (batch.length > 0) flush();
  const seconds = (performance.now() - t0) / 1000;
  const heapAfter = heapAfterGc();
  const tablesAfter = tableBytes(engine);

  // Sessions idle for longer than the session gap (in event time: one later event moves it on) are
  // deleted by the co-visit processor's expiry.
  const coVisit = byGroup.get('co-visit')!;
  const later = now + engine.config.profile.sessionGapMs + 1;
  const tick: Event = {
    id: 'tick',
    type: 'like',
    userId: 'tick',
    itemId: itemIds[0]!,
    timestamp: new Date(later).toISOString(),
  };
  batch.push({ partition: 0, offset: events + 1, receivedAt: later, event: tick });
  flush();
  relaxedTransaction(engine.db, () => coVisit.expire?.(later))?.();
  const tablesExpired = tableBytes(engine);

  const perUser = (bytes: number) => Math.round(bytes / nUsers);
  const grown = (name: string, after: Record<string, number>) =>
    (after[name] ?? 0) - (tablesBefore[name] ?? 0);
  const perUserTables = [
    'profiles',
    'sqlite_autoindex_profiles_1',
    'co_sessions',
    'sqlite_autoindex_co_sessions_1',
    'co_sessions_by_last',
  ];
  const disk = Object.fromEntries(perUserTables.map((n) => [n, perUser(grown(n, tablesAfter))]));
  const diskTotal = Object.values(disk).reduce((a, b) => a + b, 0);
  const diskExpired = perUserTables.reduce((a, n) => a + perUser(grown(n, tablesExpired)), 0);
  const dominant = Object.entries(tablesAfter)
    .map(([name, bytes]) => [name, bytes - (tablesBefore[name] ?? 0)] as const)
    .filter(([, b]) => b > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, b]) => `${name} ${(b / 2 ** 20).toFixed(1)} MiB`);
  const memoryPerUser = perUser(heapAfter - heapBefore);
  // For comparison, the same profiles as the JSON documents they were stored as before (migration 7).
  let jsonBytes = 0;
  const sample = Math.min(nUsers, 1000);
  for (let u = 0; u < sample; u++) jsonBytes += JSON.stringify(engine.profiles.get(`u${u}`)).length;
  const jsonPerUser = Math.round(jsonBytes / sample);
  const cached = { profiles: engine.profiles.cached };

  process.stdout.write(
    [
      `${nUsers} users, ${events} events through profile, co-visit and seen in ${seconds.toFixed(1)} s`,
      `on disk per user: ${diskTotal} bytes (${Object.entries(disk)
        .map(([n, b]) => `${n} ${b}`)
        .join(', ')})`,
      `  after co-visit session expiry: ${diskExpired} bytes per user; a profile as JSON (the layout before) is ${jsonPerUser} bytes`,
      `  largest growth: ${dominant.join(', ')}`,
      `in memory: ${memoryPerUser} bytes per user (heap after GC, ${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB; caches at their bounds: ${cached.profiles} profiles cached)`,
      '',
    ].join('\n'),
  );
  record('stream-memory', {
    command: `npx tsx bench/stream/memory.ts --users ${nUsers} --videos ${nVideos}`,
    target: '< 2 KB of per-user state per user',
    users: nUsers,
    events,
    seconds: Math.round(seconds),
    diskBytesPerUser: diskTotal,
    diskBytesPerUserByTable: disk,
    diskBytesPerUserAfterSessionExpiry: diskExpired,
    largestGrowth: dominant,
    profileJsonBytesForComparison: jsonPerUser,
    heapBytesPerUser: memoryPerUser,
    heapGrowthMiB: Math.round((heapAfter - heapBefore) / 2 ** 20),
  });
  engine.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
