// bench/experiments/run: the experiment platform's "done when", measured in the simulator with the
// real engine in process. One simulation: the users live a pre-period with no experiment running;
// at T the harness creates and starts, through engine.experiments, `--aa` A/A experiments (each in
// its own layer, two arms without overrides, all traffic) and one known-better experiment in layer
// `power`: control `worse` drops the expected-watch-time term from the ranking score
// (learner.headWeights.watchTime 0), treatment `better` serves the defaults (3), which rank by
// expected watch time by construction. At T + `--hours` every experiment is stopped and the users get
// empty pages from then on, so the rest of their sessions cost nothing. Per-user outcomes are
// computed once (one scan of the event log: every experiment started at T and a user's first
// exposure is the same request in all of them) and each experiment is analysed from them with the
// exported `analyse`, checked to equal engine.experiments.results for two of them.
//
// The simulation is run in time windows rather than a fixed number of sessions per user: with a
// fixed budget a user who spends more sessions before T has fewer left after it, which turns the
// pre-period (CUPED's covariate) against the metric. `--sessions` is only a cap, far above what
// the window holds.
//
// Reported: the A/A false-positive rate at alpha (plain Welch and CUPED, every metric, with 95%
// Clopper-Pearson intervals), plus `--offline-aa` more A/A splits of the same users analysed
// offline with the platform's own hash (armOf) to pin the rate down; the CI half-width with and
// without CUPED; the better arm's effect, the users per arm the platform recommends for it
// (engine.experiments.results asked for that effect), and the power at that size by resampling
// users per arm (`--resamples`), with the test it is sized for; SRM p-values; and
// that every logged exposure's arm is what the stored definition hashes the user to.
// Usage: npx tsx bench/experiments/run.ts [--users 2000 --pre-hours 24 --hours 48 --seed 1]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, isDeepStrictEqual } from 'node:util';
import type { EventContext } from '../../src/core/index.js';
import { Rng } from '../../src/core/index.js';
import {
  METRICS,
  PRIMARY_METRIC,
  analyse,
  armOf,
  bucketOf,
  userOutcomes,
  type Experiment,
  type ExperimentInput,
  type ExperimentResults,
  type MetricName,
  type UserOutcomes,
} from '../../src/experiments/index.js';
import type { AnalysisOptions } from '../../src/experiments/analysis.js';
import {
  PairedMomentAccumulator,
  MomentAccumulator,
  cupedFromMoments,
  regularizedIncompleteBeta,
  standardNormalQuantile,
  summarize,
  welch,
} from '../../src/experiments/stats/index.js';
import { FeedPolicy, generateWorld, runSimulation, type Policy } from '../../src/sim/index.js';
import { machine } from '../lib.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    'pre-hours': { type: 'string', default: '24' },
    hours: { type: 'string', default: '48' },
    sessions: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    aa: { type: 'string', default: '100' },
    'offline-aa': { type: 'string', default: '2000' },
    resamples: { type: 'string', default: '10000' },
    // Writes the known-better experiment's per-user watch time and covariate, per arm, as JSON:
    // sample-size formulas can then be checked against these users without a new simulation.
    'save-watch': { type: 'string' },
  },
});
const users = Number(values.users);
const preHours = Number(values['pre-hours']);
const hours = Number(values.hours);
const sessionCap = Number(values.sessions);
const seed = Number(values.seed);
const aaCount = Number(values.aa);
const offlineAa = Number(values['offline-aa']);
const resamples = Number(values.resamples);
const command = `npx tsx bench/experiments/run.ts ${process.argv.slice(2).join(' ')}`.trim();

const t0 = performance.now();
const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
const wall = () => ((performance.now() - t0) / 1000).toFixed(0);
const say = (line: string) => process.stderr.write(`[${wall()} s] ${line}\n`);

const world = generateWorld({ seed, futureHours: preHours + hours + 1 });
const T = Math.round(world.now + preHours * HOUR);
const endAt = Math.round(T + hours * HOUR);
const preperiodMs = T - world.now;
const dir = mkdtempSync(join(tmpdir(), 'foryou-experiments-'));
const feed = new FeedPolicy({ dataDir: dir, config: { experiments: { preperiodMs } } });
const engine = feed.engine;
const service = engine.experiments;

const aaIds = Array.from({ length: aaCount }, (_, k) => `aa-${String(k).padStart(3, '0')}`);
const POWER = 'power';
const definitions: ExperimentInput[] = [
  ...aaIds.map((id): ExperimentInput => ({
    id,
    layer: id,
    traffic: 100,
    arms: [{ name: 'a' }, { name: 'b' }],
  })),
  {
    id: POWER,
    layer: POWER,
    traffic: 100,
    description: 'no expected-watch-time term in the ranking score (control) against the defaults',
    arms: [
      { name: 'worse', overrides: { 'learner.headWeights.watchTime': 0 } },
      { name: 'better', overrides: {} },
    ],
    control: 'worse',
  },
];

// The harness around the in-process feed: experiments start at T and stop at endAt, and after
// that the users are served empty pages (a session over at once), which ends the run quickly.
const run = { phase: 'pre' as 'pre' | 'running' | 'over' };
let requests = 0;
let nextReport = world.now + 12 * HOUR;
let emptyPages = 0;
const policy: Policy = {
  name: 'experiments',
  prepare: (w) => feed.prepare(w),
  observe: (events) => feed.observe(events),
  async recommend(userId: string, n: number, at: number, context?: EventContext) {
    if (run.phase === 'pre' && at >= T) {
      for (const d of definitions) service.create(d, T);
      for (const d of definitions) service.start(d.id, T);
      run.phase = 'running';
      say(
        `T = pre-period + ${preHours} h: ${definitions.length} experiments started (${requests} requests so far)`,
      );
    }
    if (run.phase === 'running' && at >= endAt) {
      for (const d of definitions) service.stop(d.id, endAt);
      run.phase = 'over';
      say(`T + ${hours} h: experiments stopped (${requests} requests)`);
    }
    if (at >= nextReport && run.phase !== 'over') {
      say(`sim time +${Math.round((at - world.now) / HOUR)} h, ${requests} feed requests`);
      nextReport += 12 * HOUR;
    }
    if (run.phase === 'over') {
      emptyPages++;
      return { requestId: `after-${emptyPages}`, itemIds: [] };
    }
    requests++;
    return feed.recommend(userId, n, at, context);
  },
};

/** Clopper-Pearson interval for k successes in n trials. */
function binomialInterval(k: number, n: number, level = 0.95): [number, number] {
  const a = (1 - level) / 2;
  // The Beta(p, q) quantile by bisection on the regularized incomplete beta function.
  const quantile = (prob: number, p: number, q: number) => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (regularizedIncompleteBeta(mid, p, q) < prob) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return [k === 0 ? 0 : quantile(a, k, n - k + 1), k === n ? 1 : quantile(1 - a, k + 1, n - k)];
}

const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Kolmogorov-Smirnov distance of p-values from the uniform distribution. */
function ksUniform(ps: readonly number[]): number {
  const sorted = ps.filter(Number.isFinite).sort((x, y) => x - y);
  let d = 0;
  sorted.forEach((p, i) => {
    d = Math.max(d, (i + 1) / sorted.length - p, p - i / sorted.length);
  });
  return d;
}

function rate(k: number, n: number) {
  const [lo, hi] = binomialInterval(k, n);
  return { positives: k, of: n, rate: round(k / n), ci95: [round(lo), round(hi)] };
}

interface AaTally {
  plain: Record<MetricName, number>;
  cuped: Partial<Record<MetricName, number>>;
  anyMetric: number;
  pWatch: number[];
  pWatchCuped: number[];
  halfWidth: number[];
  halfWidthCuped: number[];
  varianceReduction: number[];
  srmP: number[];
  srmFlagged: number;
}

function tally(results: readonly ExperimentResults[]): AaTally {
  const names = Object.keys(METRICS) as MetricName[];
  const t: AaTally = {
    plain: Object.fromEntries(names.map((n) => [n, 0])) as Record<MetricName, number>,
    cuped: {},
    anyMetric: 0,
    pWatch: [],
    pWatchCuped: [],
    halfWidth: [],
    halfWidthCuped: [],
    varianceReduction: [],
    srmP: [],
    srmFlagged: 0,
  };
  for (const r of results) {
    let any = false;
    for (const m of r.metrics) {
      const c = m.comparisons[0]!;
      if (c.significant) {
        t.plain[m.name]++;
        any = true;
      }
      if (c.cuped) t.cuped[m.name] = (t.cuped[m.name] ?? 0) + (c.cuped.significant ? 1 : 0);
      if (m.name === PRIMARY_METRIC) {
        t.pWatch.push(c.pValue);
        t.pWatchCuped.push(c.cuped!.pValue);
        t.halfWidth.push((c.ci[1] - c.ci[0]) / 2);
        t.halfWidthCuped.push((c.cuped!.ci[1] - c.cuped!.ci[0]) / 2);
        t.varianceReduction.push(c.cuped!.varianceReduction);
      }
    }
    if (any) t.anyMetric++;
    t.srmP.push(r.sampleRatio?.pValue ?? NaN);
    if (r.sampleRatio?.mismatch) t.srmFlagged++;
  }
  return t;
}

function summariseTally(t: AaTally, n: number) {
  const names = Object.keys(METRICS) as MetricName[];
  return {
    watchTime: {
      plain: rate(t.plain.watch_time, n),
      cuped: rate(t.cuped.watch_time ?? 0, n),
      pValueKsDistance: { plain: round(ksUniform(t.pWatch)), cuped: round(ksUniform(t.pWatchCuped)) },
    },
    byMetric: Object.fromEntries(
      names.map((name) => [
        name,
        {
          plain: rate(t.plain[name], n),
          ...(t.cuped[name] !== undefined ? { cuped: rate(t.cuped[name], n) } : {}),
        },
      ]),
    ),
    anyOfSevenMetricsPlain: rate(t.anyMetric, n),
    srm: {
      minP: round(Math.min(...t.srmP)),
      medianP: round([...t.srmP].sort((a, b) => a - b)[Math.floor(t.srmP.length / 2)]!),
      flaggedAt0001: t.srmFlagged,
    },
  };
}

/** Per-user watch-time metric and covariate, as analyse computes them. */
function watchValues(outcomes: readonly UserOutcomes[], options: AnalysisOptions) {
  const def = METRICS[PRIMARY_METRIC];
  if (def.kind !== 'mean') throw new Error('the primary metric is a per-user mean');
  const preDays = Math.max(1, options.preperiodMs / DAY);
  const byArm = new Map<string, { metric: number[]; covariate: number[] }>();
  for (const u of outcomes) {
    const days = Math.max(1, (options.endAt - u.firstAt) / DAY);
    const arm = byArm.get(u.arm) ?? { metric: [], covariate: [] };
    arm.metric.push(def.value(u, days));
    arm.covariate.push(def.covariate(u, preDays));
    byArm.set(u.arm, arm);
  }
  return byArm;
}

/**
 * Share of resampled experiments (n users per arm drawn with replacement from each arm, `shift`
 * added to the treatment's metric) that detect treatment > control, by Welch and by CUPED.
 */
function resampledPower(
  control: { metric: number[]; covariate: number[] },
  treatment: { metric: number[]; covariate: number[] },
  n: number,
  alpha: number,
  draws: number,
  rng: Rng,
  shift = 0,
) {
  let plain = 0;
  let adjusted = 0;
  for (let r = 0; r < draws; r++) {
    const arms = [control, treatment].map((arm, a) => {
      const m = new MomentAccumulator();
      const p = new PairedMomentAccumulator();
      const add = a === 1 ? shift : 0;
      for (let i = 0; i < n; i++) {
        const j = rng.int(arm.metric.length);
        m.add(arm.metric[j]! + add);
        p.add(arm.covariate[j]!, arm.metric[j]! + add);
      }
      return { m: m.summary(), p: p.summary() };
    });
    const w = welch(arms[0]!.m, arms[1]!.m, alpha);
    if (w.significant && w.diff > 0) plain++;
    const c = cupedFromMoments(arms[0]!.p, arms[1]!.p, alpha).result;
    if (c.significant && c.diff > 0) adjusted++;
  }
  return { plain: rate(plain, draws), cuped: rate(adjusted, draws) };
}

try {
  say(
    `world of ${world.items.length} videos; ${users} users, pre-period ${preHours} h, experiments ${hours} h`,
  );
  const report = await runSimulation({
    policy,
    world,
    users,
    sessionsPerUser: sessionCap,
    seed,
    referenceWatchRatio: 1, // time to personalise is not looked at here: no oracle run
  });
  const simSeconds = (performance.now() - t0) / 1000;
  if (run.phase !== 'over') throw new Error('the run ended before the experiments stopped: raise --sessions');
  say(
    `simulation done: ${requests} feed requests, ${report.sessions} sessions (most after the window, empty)`,
  );

  const settings = engine.config.experiments;
  const options: AnalysisOptions = {
    alpha: settings.alpha,
    endAt,
    preperiodMs: settings.preperiodMs,
    mdeRelative: settings.mdeRelative,
  };
  const experiments = new Map(definitions.map((d) => [d.id, service.get(d.id)]));
  const exposures = new Map(definitions.map((d) => [d.id, service.store.exposures(d.id)]));

  // One log scan for all: every experiment started at T, so a user's first exposure is the same
  // feed request in each of them; checked, user by user.
  const base = exposures.get(POWER)!;
  const firstAt = new Map(base.map((x) => [x.userId, x.firstAt]));
  let firstAtMismatches = 0;
  let reproduced = 0;
  let notReproduced = 0;
  for (const [id, list] of exposures) {
    const e = experiments.get(id)!;
    if (list.length !== base.length) firstAtMismatches += Math.abs(list.length - base.length);
    for (const x of list) {
      if (firstAt.get(x.userId) !== x.firstAt) firstAtMismatches++;
      const bucket = bucketOf(x.userId, e.layer);
      if (armOf(e, x.userId) === x.arm && bucket >= e.bucketStart && bucket < e.bucketEnd) reproduced++;
      else notReproduced++;
    }
  }
  if (firstAtMismatches > 0) throw new Error(`${firstAtMismatches} exposures differ between experiments`);
  const outcomes = userOutcomes(
    engine.log,
    base,
    {
      startedAt: T,
      endAt,
      preperiodMs: settings.preperiodMs,
      sessionGapMs: settings.sessionGapMs,
      returnAfterMs: settings.returnAfterMs,
    },
    (e) => engine.signals.read(e).completed,
  );
  say(`outcomes of ${outcomes.length} exposed users computed`);
  const withArms = (arms: ReadonlyMap<string, string>) =>
    outcomes.map((u) => ({ ...u, arm: arms.get(u.userId)! }));
  const analyseOne = (id: string) => {
    const arms = new Map(exposures.get(id)!.map((x) => [x.userId, x.arm]));
    return analyse(experiments.get(id)!, withArms(arms), options);
  };
  const aaResults = aaIds.map(analyseOne);
  const powerResults = analyseOne(POWER);
  // The shortcut must give what the platform itself reports.
  const matchesEngine =
    isDeepStrictEqual(powerResults, service.results(POWER, endAt)) &&
    isDeepStrictEqual(aaResults[0], service.results(aaIds[0]!, endAt));
  if (!matchesEngine)
    throw new Error('analyse over the shared outcomes differs from engine.experiments.results');

  // Independence of the A/A splits: agreement between pairs of experiments' arms.
  const armVectors = aaIds.map((id) => {
    const arms = new Map(exposures.get(id)!.map((x) => [x.userId, x.arm]));
    return outcomes.map((u) => arms.get(u.userId) === 'a');
  });
  let maxAgreementZ = 0;
  let pairs = 0;
  for (let i = 0; i < armVectors.length; i++)
    for (let j = i + 1; j < armVectors.length; j++) {
      let same = 0;
      armVectors[i]!.forEach((v, k) => (same += v === armVectors[j]![k] ? 1 : 0));
      const z = (same - outcomes.length / 2) / Math.sqrt(outcomes.length / 4);
      maxAgreementZ = Math.max(maxAgreementZ, Math.abs(z));
      pairs++;
    }

  // More A/A splits of the same users, offline, with the platform's own hash for other ids.
  const template = experiments.get(aaIds[0]!)!;
  const offline: ExperimentResults[] = [];
  for (let k = 0; k < offlineAa; k++) {
    const e: Experiment = { ...template, id: `offline-aa-${k}`, layer: `offline-aa-${k}` };
    offline.push(
      analyse(
        e,
        outcomes.map((u) => ({ ...u, arm: armOf(e, u.userId) })),
        options,
      ),
    );
  }
  say(`${aaResults.length} A/A experiments and ${offline.length} offline A/A splits analysed`);

  const aa = tally(aaResults);
  const aaOffline = tally(offline);

  // Power: the better arm's effect on watch time, the users per arm the platform recommends for
  // that effect (its own results, asked for the observed relative effect), and the share of
  // resampled experiments of that size that detect it, with the test the recommendation is for.
  const watch = powerResults.metrics.find((m) => m.name === PRIMARY_METRIC)!;
  const cmp = watch.comparisons[0]!;
  const watchByArm = watchValues(
    withArms(new Map(exposures.get(POWER)!.map((x) => [x.userId, x.arm]))),
    options,
  );
  const control = watchByArm.get('worse')!;
  const observedTreatment = watchByArm.get('better')!;
  // Randomisation balances the pre-period in expectation; the sample's chance imbalance is taken
  // out of the population resampled from, so that the CUPED test and Welch's face the same effect
  // (the observed difference in means) rather than CUPED also the covariate's imbalance.
  const imbalance = mean(control.covariate) - mean(observedTreatment.covariate);
  const treatment = {
    metric: observedTreatment.metric,
    covariate: observedTreatment.covariate.map((x) => x + imbalance),
  };
  if (values['save-watch']) writeFileSync(values['save-watch'], JSON.stringify({ control, treatment }));
  const sc = summarize(control.metric);
  const st = summarize(treatment.metric);
  const observedRelative = Math.abs(cmp.relative);
  const recommendation = service.results(POWER, endAt, {
    mdeRelative: observedRelative,
  }).recommendedUsersPerArm;
  if (recommendation === null)
    throw new Error('the platform made no recommendation for the known-better arm');
  const nPlatform = recommendation.users;
  // For comparison, the first formula's answer: control's sd alone, normal quantiles, no CUPED.
  const z = standardNormalQuantile(1 - options.alpha / 2) + standardNormalQuantile(0.8);
  const nControlSdNormal = Math.ceil((2 * z * z * sc.variance) / cmp.diff ** 2);
  const rng = new Rng(seed * 7_777 + 1);
  const atPlatform = resampledPower(control, treatment, nPlatform, options.alpha, resamples, rng);
  const atControlSd = resampledPower(control, treatment, nControlSdNormal, options.alpha, resamples, rng);
  say(`power resampled (${resamples} draws at ${nPlatform} and ${nControlSdNormal} users per arm)`);
  // The platform's recommendation for its configured effect (mdeRelative of control's mean),
  // checked with that effect planted: both arms drawn from control, the effect added to one.
  const planted = options.mdeRelative * sc.mean;
  const nPlanted = powerResults.recommendedUsersPerArm?.users;
  if (nPlanted === undefined)
    throw new Error('the platform made no recommendation for its configured effect');
  const plantedAt = resampledPower(control, control, nPlanted, options.alpha, resamples, rng, planted);
  const plantedNull = resampledPower(control, control, nPlanted, options.alpha, resamples, rng, 0);
  say(`planted ${options.mdeRelative * 100}% effect resampled at ${nPlanted} users per arm`);

  const pct = (x: number) => round(100 * x, 2);
  const summary = {
    command,
    machine: { ...machine(), loadAverageAtStart: loadAtStart },
    settings: {
      users,
      preHours,
      hours,
      sessionCap,
      seed,
      aaExperiments: aaCount,
      offlineAaSplits: offlineAa,
      resamples,
      alpha: options.alpha,
      preperiodMs: settings.preperiodMs,
      sessionGapMs: settings.sessionGapMs,
      returnAfterMs: settings.returnAfterMs,
    },
    simulation: {
      wallSeconds: round(simSeconds, 1),
      feedRequestsInWindow: requests,
      videos: world.items.length,
      exposedUsers: outcomes.length,
      usersWithPrePeriodActivity: outcomes.filter((u) => u.before.sessions > 0).length,
      meanWatchSecondsPerUserDay: round(
        mean(outcomes.map((u) => u.during.watchMs / 1000 / Math.max(1, (endAt - u.firstAt) / DAY))),
        1,
      ),
    },
    checks: {
      analyseOverSharedOutcomesEqualsEngineResults: matchesEngine,
      exposuresReproducedByHash: { reproduced, notReproduced },
      aaSplitIndependence: { pairs, maxAbsAgreementZ: round(maxAgreementZ, 2) },
    },
    aa: summariseTally(aa, aaResults.length),
    aaOffline: summariseTally(aaOffline, offline.length),
    cuped: {
      aaMeanHalfWidthPlain: round(mean(aa.halfWidth), 3),
      aaMeanHalfWidthCuped: round(mean(aa.halfWidthCuped), 3),
      aaIntervalNarrowingPercent: pct(1 - mean(aa.halfWidthCuped) / mean(aa.halfWidth)),
      aaMeanVarianceReductionPercent: pct(mean(aa.varianceReduction)),
      powerHalfWidthPlain: round((cmp.ci[1] - cmp.ci[0]) / 2, 3),
      powerHalfWidthCuped: round((cmp.cuped!.ci[1] - cmp.cuped!.ci[0]) / 2, 3),
      powerVarianceReductionPercent: pct(cmp.cuped!.varianceReduction),
      theta: round(cmp.cuped!.theta),
    },
    power: {
      arms: {
        worse: { users: sc.n, mean: round(sc.mean, 2), sd: round(Math.sqrt(sc.variance), 2) },
        better: { users: st.n, mean: round(st.mean, 2), sd: round(Math.sqrt(st.variance), 2) },
      },
      diff: round(cmp.diff, 3),
      relativePercent: pct(cmp.relative),
      fullSample: {
        plain: { pValue: cmp.pValue, significant: cmp.significant, ci: cmp.ci.map((x) => round(x, 3)) },
        cuped: {
          pValue: cmp.cuped!.pValue,
          significant: cmp.cuped!.significant,
          ci: cmp.cuped!.ci.map((x) => round(x, 3)),
        },
      },
      platformRecommendationForObservedEffect: {
        ...recommendation,
        empiricalPower: atPlatform,
        testTheRecommendationIsFor: recommendation.cuped ? 'cuped' : 'plain',
      },
      preperiodImbalanceRemoved: round(imbalance, 3),
      controlSdNormalFormula: { usersPerArm: nControlSdNormal, empiricalPower: atControlSd },
      plantedEffect: {
        what: 'both arms resampled from control, mdeRelative x control mean added to the treatment',
        relativePercent: pct(options.mdeRelative),
        diff: round(planted, 3),
        platformRecommendation: powerResults.recommendedUsersPerArm,
        empiricalPower: plantedAt,
        noEffect: plantedNull,
      },
      srmP: powerResults.sampleRatio?.pValue,
      otherMetrics: Object.fromEntries(
        powerResults.metrics.map((m) => {
          const c = m.comparisons[0]!;
          return [
            m.name,
            {
              worse: round(m.arms[0]!.value),
              better: round(m.arms[1]!.value),
              relativePercent: pct(c.relative),
              pValue: round(c.pValue, 6),
              ...(c.cuped ? { cupedPValue: round(c.cuped.pValue, 6) } : {}),
            },
          ];
        }),
      ),
      harmedGuardrails: powerResults.harmedGuardrails,
    },
    totalWallSeconds: round((performance.now() - t0) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} finally {
  feed.close();
  rmSync(dir, { recursive: true, force: true });
}
