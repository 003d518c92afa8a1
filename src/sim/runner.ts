// Drives many simulated users against one policy. Users act in sim-time order from a queue (ties
// by user index); `concurrency` users at a time have their pages requested together. Each user
// draws from their own random streams, so a run is a pure function of its options and seed.
import type { Event } from '../core/index.js';
import { newOutcome } from './behaviour.js';
import { EventIds } from './events.js';
import { EventQueue } from './heap.js';
import { Metrics, type SimReport } from './metrics.js';
import { OraclePolicy } from './policies/oracle.js';
import type { Policy, Recommendation } from './policies/policy.js';
import { Rng, hash32 } from '../core/index.js';
import { watchPage } from './swipes.js';
import { generateUsers, nextSessionGapMs, startSession, type SimUser } from './users.js';
import type { World } from './world.js';

export type PolicyFactory = (world: World, users: readonly SimUser[]) => Policy;

export interface SimulationOptions {
  /** A policy, or a factory for policies that must see the simulated users (the oracle). */
  policy: Policy | PolicyFactory;
  world: World;
  users: number;
  sessionsPerUser: number;
  seed: number;
  /** Users whose pages are requested together (default 16). */
  concurrency?: number;
  pageSize?: number;
  /** Sim time of the first arrivals (default world.now). */
  start?: number;
  /** New users arrive spread over this long (default 6 h). */
  arrivalSpreadMs?: number;
  meanSwipes?: number;
  /** The oracle's mean watch ratio, for time-to-personalise; measured with an oracle run when absent. */
  referenceWatchRatio?: number;
  /** Users in that oracle run (default 200): the first ones of this run, as ids follow the seed. */
  referenceUsers?: number;
  /** Prefix of user and event ids (default `sim<seed>-`); make it unique per run on a shared server. */
  idPrefix?: string;
  onProgress?: (sessionsDone: number, sessionsTotal: number) => void;
}

type Phase = 'idle' | 'active' | 'ending' | 'done';

interface UserRun {
  user: SimUser;
  life: Rng;
  view: Rng;
  phase: Phase;
  sessionsDone: number;
  pending: Event[];
}

export const oracleFactory: PolicyFactory = (world, users) => new OraclePolicy(world, users);

export async function runSimulation(options: SimulationOptions): Promise<SimReport> {
  const t0 = performance.now();
  const { world, seed } = options;
  const prefix = options.idPrefix ?? `sim${seed}-`;
  const users = generateUsers(world, {
    count: options.users,
    seed,
    idPrefix: prefix,
    meanSwipes: options.meanSwipes,
  });
  const created = typeof options.policy === 'function';
  const policy = typeof options.policy === 'function' ? options.policy(world, users) : options.policy;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const pageSize = options.pageSize ?? 10;
  const start = options.start ?? world.now;
  const spread = options.arrivalSpreadMs ?? 6 * 3_600_000;
  const metrics = new Metrics(world.hidden.count, world.simCreators.length, users.length);
  const ids = new EventIds(prefix, users.length);
  const outcome = newOutcome();
  const total = users.length * options.sessionsPerUser;

  const runs: UserRun[] = users.map((user) => ({
    user,
    life: new Rng(hash32(seed * 31 + user.index * 2 + 1)),
    view: new Rng(hash32(seed * 37 + user.index * 2 + 2)),
    phase: options.sessionsPerUser > 0 ? 'idle' : 'done',
    sessionsDone: 0,
    pending: [],
  }));
  const queue = new EventQueue();
  for (const run of runs)
    if (run.phase === 'idle') queue.push(Math.round(start + run.life.next() * spread), run.user.index);

  let clock = start;
  let sessionsFinished = 0;
  try {
    await policy.prepare?.(world);
    while (queue.size > 0) {
      const batch: { time: number; run: UserRun }[] = [];
      while (batch.length < concurrency && queue.size > 0) {
        const { time, id } = queue.pop()!;
        batch.push({ time, run: runs[id]! });
        clock = Math.max(clock, time);
      }

      // What the users did since their last page reaches the policy before anyone asks again.
      const delivered: Event[] = [];
      for (const { run } of batch) {
        for (const e of run.pending) delivered.push(e);
        run.pending = [];
      }
      if (delivered.length > 0) await policy.observe?.(delivered);

      const asking: { time: number; run: UserRun }[] = [];
      for (const entry of batch) {
        const { run, time } = entry;
        if (run.phase === 'ending') {
          run.sessionsDone += 1;
          sessionsFinished += 1;
          options.onProgress?.(sessionsFinished, total);
          if (run.sessionsDone >= options.sessionsPerUser) {
            run.phase = 'done';
          } else {
            run.phase = 'idle';
            queue.push(Math.round(time + nextSessionGapMs(run.user, run.life)), run.user.index);
          }
          continue;
        }
        if (run.phase === 'idle') {
          startSession(run.user, run.life);
          metrics.sessions += 1;
          run.phase = 'active';
        }
        asking.push(entry);
      }

      const pages: Recommendation[] = await Promise.all(
        asking.map(({ run, time }) => policy.recommend(run.user.id, pageSize, time, run.user.context)),
      );
      metrics.requests += pages.length;
      asking.forEach(({ run, time }, i) => {
        const page = pages[i]!;
        if (page.itemIds.length === 0) metrics.emptyPages += 1;
        const result = watchPage(
          {
            world,
            user: run.user,
            rng: run.view,
            ids,
            events: run.pending,
            outcome,
            metrics,
            firstSession: run.sessionsDone === 0,
          },
          page,
          time,
        );
        if (result.sessionOver) run.phase = 'ending';
        queue.push(Math.round(result.end), run.user.index);
      });
    }
  } finally {
    if (created) await policy.close?.();
  }

  const wallMs = performance.now() - t0;
  let visible = 0;
  for (let v = 0; v < world.hidden.count; v++) if (world.hidden.createdAtMs[v]! <= clock) visible++;
  let reference = options.referenceWatchRatio;
  if (reference === undefined) {
    reference =
      policy.name === 'oracle'
        ? metrics.watchRatio
        : (
            await runSimulation({
              ...options,
              users: Math.min(options.users, options.referenceUsers ?? 200),
              policy: oracleFactory,
              onProgress: undefined,
            })
          ).watchRatio;
  }
  return metrics.report(policy.name, visible, reference, wallMs, {
    createdAtMs: world.hidden.createdAtMs,
    start,
    end: clock,
  });
}
