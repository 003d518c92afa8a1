// An experiment's results: per-arm metrics from the users' outcomes, each treatment compared with
// control (Welch's t-test for per-user means, the delta method for ratios of sums, CUPED with the
// pre-period for the per-user means), a sample-ratio-mismatch check of the exposures against the
// arms' weights, guardrails that flag a significant change the wrong way, and the sample size
// the primary metric needs to detect the configured effect.
import {
  checkSampleRatio,
  cuped,
  ratioEstimate,
  ratioTest,
  sampleSizePerArm,
  summarize,
  welch,
  type SampleRatioCheck,
  type WelchResult,
} from './stats/index.js';
import type { Experiment } from './types.js';
import type { Outcomes, UserOutcomes } from './user-metrics.js';

const DAY_MS = 86_400_000;

export type MetricName =
  | 'watch_time'
  | 'sessions'
  | 'retention'
  | 'completion_rate'
  | 'like_rate'
  | 'share_rate'
  | 'quick_skip_rate';

interface MeanMetric {
  kind: 'mean';
  /** The per-user value during the experiment (days: the user's exposure, at least one). */
  value(u: UserOutcomes, days: number): number;
  /** The same before it, for CUPED (days: the pre-period, at least one). */
  covariate(u: UserOutcomes, days: number): number;
}

interface RatioMetric {
  kind: 'ratio';
  numerator(o: Outcomes): number;
  denominator(o: Outcomes): number;
}

type MetricDefinition = (MeanMetric | RatioMetric) & {
  better: 'higher' | 'lower';
  /** A guardrail: harm is flagged when it moves significantly the wrong way. */
  guardrail: boolean;
  description: string;
};

export const METRICS: Record<MetricName, MetricDefinition> = {
  watch_time: {
    kind: 'mean',
    description: 'seconds watched per user per day',
    better: 'higher',
    guardrail: false,
    value: (u, days) => u.during.watchMs / 1000 / days,
    covariate: (u, days) => u.before.watchMs / 1000 / days,
  },
  sessions: {
    kind: 'mean',
    description: 'sessions per user per day',
    better: 'higher',
    guardrail: true,
    value: (u, days) => u.during.sessions / days,
    covariate: (u, days) => u.before.sessions / days,
  },
  retention: {
    kind: 'mean',
    description: 'share of users active again a while after their first exposure (experiments.returnAfterMs)',
    better: 'higher',
    guardrail: true,
    value: (u) => (u.returned ? 1 : 0),
    covariate: (u) => (u.before.sessions > 0 ? 1 : 0),
  },
  completion_rate: {
    kind: 'ratio',
    description: 'completed views / views',
    better: 'higher',
    guardrail: false,
    numerator: (o) => o.completions,
    denominator: (o) => o.plays,
  },
  like_rate: {
    kind: 'ratio',
    description: 'likes / views',
    better: 'higher',
    guardrail: false,
    numerator: (o) => o.likes,
    denominator: (o) => o.plays,
  },
  share_rate: {
    kind: 'ratio',
    description: 'shares / views',
    better: 'higher',
    guardrail: false,
    numerator: (o) => o.shares,
    denominator: (o) => o.plays,
  },
  quick_skip_rate: {
    kind: 'ratio',
    description: 'quick skips / views',
    better: 'lower',
    guardrail: true,
    numerator: (o) => o.quickSkips,
    denominator: (o) => o.plays,
  },
};

export const PRIMARY_METRIC: MetricName = 'watch_time';

export interface Comparison extends WelchResult {
  arm: string;
  /** A significant move the wrong way on a guardrail metric. */
  harm: boolean;
  /** With the pre-period covariate (per-user means only). */
  cuped?: WelchResult & { theta: number; varianceReduction: number };
}

export interface MetricResult {
  name: MetricName;
  description: string;
  kind: 'mean' | 'ratio';
  better: 'higher' | 'lower';
  guardrail: boolean;
  /** Per arm: the value (mean per user, or ratio of sums) and users counted. */
  arms: { arm: string; value: number; users: number }[];
  /** Each treatment arm against control. */
  comparisons: Comparison[];
}

export interface ExperimentResults {
  experiment: string;
  status: Experiment['status'];
  control: string;
  window: { startedAt: number; endAt: number };
  alpha: number;
  arms: { arm: string; users: number; expectedShare: number }[];
  sampleRatio: SampleRatioCheck | null;
  metrics: MetricResult[];
  /** Guardrail metrics some treatment harmed. */
  harmedGuardrails: MetricName[];
  /**
   * Users per arm the primary metric needs to detect a `mdeRelative` change of control's mean with
   * 80% power, from the arms' mean variance (CUPED-reduced, when CUPED helps); null before there is data.
   */
  recommendedUsersPerArm: { users: number; mdeRelative: number; cuped: boolean } | null;
}

export interface AnalysisOptions {
  alpha: number;
  endAt: number;
  preperiodMs: number;
  /** The effect the sample-size recommendation is for, relative to control's mean. */
  mdeRelative: number;
}

function harmed(def: MetricDefinition, r: WelchResult): boolean {
  return def.guardrail && r.significant && (def.better === 'higher' ? r.diff < 0 : r.diff > 0);
}

export function analyse(
  experiment: Experiment,
  outcomes: readonly UserOutcomes[],
  options: AnalysisOptions,
): ExperimentResults {
  const { alpha, endAt } = options;
  const byArm = new Map<string, UserOutcomes[]>(experiment.arms.map((a) => [a.name, []]));
  for (const u of outcomes) byArm.get(u.arm)?.push(u);
  const control = experiment.control;
  const treatments = experiment.arms.map((a) => a.name).filter((n) => n !== control);
  const totalWeight = experiment.arms.reduce((s, a) => s + a.weight, 0);
  const counts = experiment.arms.map((a) => byArm.get(a.name)!.length);
  const sampleRatio =
    counts.reduce((s, c) => s + c, 0) > 0
      ? checkSampleRatio(
          counts,
          experiment.arms.map((a) => a.weight),
        )
      : null;
  const preDays = Math.max(1, options.preperiodMs / DAY_MS);
  const userDays = (u: UserOutcomes) => Math.max(1, (endAt - u.firstAt) / DAY_MS);

  const metrics: MetricResult[] = [];
  let recommended: ExperimentResults['recommendedUsersPerArm'] = null;
  for (const [name, def] of Object.entries(METRICS) as [MetricName, MetricDefinition][]) {
    const arms: MetricResult['arms'] = [];
    const comparisons: Comparison[] = [];
    if (def.kind === 'mean') {
      const values = new Map<string, { metric: number[]; covariate: number[] }>();
      for (const [arm, users] of byArm) {
        values.set(arm, {
          metric: users.map((u) => def.value(u, userDays(u))),
          covariate: users.map((u) => def.covariate(u, preDays)),
        });
      }
      const summaries = new Map([...values].map(([arm, v]) => [arm, summarize(v.metric)]));
      for (const [arm, s] of summaries) arms.push({ arm, value: s.mean, users: s.n });
      const c = values.get(control)!;
      for (const arm of treatments) {
        const t = values.get(arm)!;
        const plain = welch(summaries.get(control)!, summaries.get(arm)!, alpha);
        const adjusted = cuped(c, t, alpha);
        comparisons.push({
          arm,
          ...plain,
          harm: harmed(def, plain),
          cuped: { ...adjusted.result, theta: adjusted.theta, varianceReduction: adjusted.varianceReduction },
        });
        if (name === PRIMARY_METRIC && recommended === null) {
          const sc = summaries.get(control)!;
          const st = summaries.get(arm)!;
          const reduction = Math.max(0, adjusted.varianceReduction);
          // Welch's standard error has both arms' variances: a treatment that moves the mean
          // usually moves the spread too, and sizing by control's alone under-powers the test
          // (bench/results/experiments.md: 73% instead of 80%). Before the treatment has two
          // users, control's is all there is.
          const variance =
            st.n >= 2 && Number.isFinite(st.variance) ? (sc.variance + st.variance) / 2 : sc.variance;
          const sd = Math.sqrt(variance * (reduction > 0 ? 1 - reduction : 1));
          const mde = Math.abs(sc.mean) * options.mdeRelative;
          if (sd > 0 && mde > 0 && Number.isFinite(sd))
            recommended = {
              users: sampleSizePerArm({ sd, mde, alpha, power: 0.8 }),
              mdeRelative: options.mdeRelative,
              cuped: reduction > 0,
            };
        }
      }
    } else {
      const estimates = new Map(
        [...byArm].map(([arm, users]) => [
          arm,
          ratioEstimate(
            users.map((u) => def.numerator(u.during)),
            users.map((u) => def.denominator(u.during)),
          ),
        ]),
      );
      for (const [arm, e] of estimates) arms.push({ arm, value: e.ratio, users: e.n });
      for (const arm of treatments) {
        const r = ratioTest(estimates.get(control)!, estimates.get(arm)!, alpha);
        comparisons.push({ arm, ...r, harm: harmed(def, r) });
      }
    }
    metrics.push({
      name,
      description: def.description,
      kind: def.kind,
      better: def.better,
      guardrail: def.guardrail,
      arms,
      comparisons,
    });
  }
  return {
    experiment: experiment.id,
    status: experiment.status,
    control,
    window: { startedAt: experiment.startedAt ?? endAt, endAt },
    alpha,
    arms: experiment.arms.map((a, i) => ({
      arm: a.name,
      users: counts[i]!,
      expectedShare: a.weight / totalWeight,
    })),
    sampleRatio,
    metrics,
    harmedGuardrails: metrics.filter((m) => m.comparisons.some((c) => c.harm)).map((m) => m.name),
    recommendedUsersPerArm: recommended,
  };
}
