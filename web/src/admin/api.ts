// The dashboard's reads; an API key (?key=, remembered) is sent when the engine has keys.
const params = new URLSearchParams(location.search);
const key = params.get('key') ?? localStorage.getItem('foryou:admin-key');
if (key) localStorage.setItem('foryou:admin-key', key);

export async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = (await response.json()) as T & { detail?: string; title?: string };
  if (!response.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  return body;
}

export interface Live {
  at: number;
  eventsTotal: number;
  eventsPerSecond: number | null;
  feedLatencyMs: { p50: number | null; p99: number | null; count: number };
  freshnessLagMs: number;
  processors: { group: string; lag: number }[];
  watch: { t: number; arm: string; impressions: number; watchSeconds: number; skipRate: number }[];
}

export interface ModelState {
  name: string;
  serving: number | null;
  versions: { version: number; trainedAt: string; metrics: Record<string, number> }[];
}

/** `name value · name value`, for rows of named numbers. */
export function pairs(entries: [string, number][], digits = 0): string {
  return entries.map(([k, v]) => `${k} ${v.toFixed(digits)}`).join(' · ');
}

/** A statistic as JSON carries it: null where the engine had NaN or ±Infinity (an undefined test). */
export type Num = number | null;

/** GET /v1/admin/experiments (src/server/routes/experiments.ts): times as RFC 3339. */
export interface Experiment {
  id: string;
  name?: string;
  description?: string;
  layer: string;
  /** Percent of the layer's users. */
  traffic: number;
  arms: { name: string; weight: number; overrides: Record<string, unknown> }[];
  control: string;
  forced: Record<string, string>;
  status: 'draft' | 'running' | 'stopped';
  bucketStart: number;
  bucketEnd: number;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  /** Why the server cannot serve it (no user gets an arm); empty when it can. */
  servingProblems: { pointer: string; message: string }[];
}

/** One treatment-vs-control test (src/experiments/stats/welch.ts). */
export interface Test {
  diff: Num;
  relative: Num;
  se: Num;
  df: Num;
  t: Num;
  pValue: Num;
  ci: [Num, Num];
  relativeCi: [Num, Num];
  significant: boolean;
}

export interface Comparison extends Test {
  arm: string;
  /** A guardrail moved significantly the wrong way. */
  harm: boolean;
  /** With the pre-period covariate; per-user means only. */
  cuped?: Test & { theta: Num; varianceReduction: Num };
}

export interface MetricResult {
  name: string;
  description: string;
  kind: 'mean' | 'ratio';
  better: 'higher' | 'lower';
  guardrail: boolean;
  arms: { arm: string; value: Num; users: number }[];
  comparisons: Comparison[];
}

/** GET /v1/admin/experiments/:id/results (src/experiments/analysis.ts): times in ms. */
export interface ExperimentResults {
  experiment: string;
  status: Experiment['status'];
  control: string;
  window: { startedAt: number; endAt: number };
  alpha: number;
  arms: { arm: string; users: number; expectedShare: number }[];
  sampleRatio: { chiSquare: Num; df: number; pValue: Num; mismatch: boolean } | null;
  metrics: MetricResult[];
  harmedGuardrails: string[];
  recommendedUsersPerArm: { users: number; mdeRelative: number; cuped: boolean } | null;
}
