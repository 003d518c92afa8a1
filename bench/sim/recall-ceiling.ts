// bench/sim/recall-ceiling: how much watch time the feed's candidates hold, against how much the
// feed's ranking gets out of them. Each page asks the in-process feed for its top `--pool` videos
// and serves the `n` of them with the highest true expected watch time (the simulator's hidden
// appeal, as the oracle knows it). The gap between this and the plain feed is the ranking's; the gap
// between this and the oracle is recall's (and the oracle's knowledge of each user's taste noise).
// Usage: npx tsx bench/sim/recall-ceiling.ts [--users 300 --sessions 5 --seed 2 --pool 100]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventContext } from '../../src/core/index.js';
import {
  FeedPolicy,
  generateWorld,
  runSimulation,
  type Policy,
  type SimUser,
  type World,
} from '../../src/sim/index.js';
import { appeal, expectedWatchMs } from '../../src/sim/behaviour.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '300' },
    sessions: { type: 'string', default: '5' },
    seed: { type: 'string', default: '2' },
    pool: { type: 'string', default: '100' },
  },
});
const [users, sessions, seed, pool] = [values.users, values.sessions, values.seed, values.pool].map(
  Number,
) as [number, number, number, number];
const dir = mkdtempSync(join(tmpdir(), 'foryou-ceiling-'));
const world = generateWorld({ seed, futureHours: 48 });

function ceilingPolicy(w: World, simUsers: readonly SimUser[]): Policy {
  const feed = new FeedPolicy({ dataDir: dir, config: { feed: { maxN: Math.max(100, pool) } } });
  const byUser = new Map(simUsers.map((u) => [u.id, u]));
  return {
    name: 'ceiling',
    prepare: (x) => feed.prepare(x),
    observe: (events) => feed.observe(events),
    close: () => feed.close(),
    async recommend(userId: string, n: number, now: number, context?: EventContext) {
      const page = await feed.recommend(userId, pool, now, context);
      const user = byUser.get(userId)!;
      const scored = page.itemIds.map((id) => {
        const v = w.index.get(id)!;
        return { id, watch: expectedWatchMs(appeal(w, user, v), w.hidden.durationMs[v]!) };
      });
      scored.sort((a, b) => b.watch - a.watch);
      return { requestId: page.requestId, itemIds: scored.slice(0, n).map((s) => s.id) };
    },
  };
}

try {
  const report = await runSimulation({
    policy: ceilingPolicy,
    world,
    users,
    sessionsPerUser: sessions,
    seed,
  });
  process.stdout.write(
    `${JSON.stringify({ users, sessions, seed, pool, watchTimePerSession: report.watchTimePerSession, swipesPerSession: report.swipesPerSession, watchRatio: report.watchRatio })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
