// The experiments panel: every experiment, and for the one shown (picked, or the newest running)
// its users per arm with the sample-ratio check, each metric per arm, and each treatment's lift
// over control with its confidence interval drawn around zero, plain and with CUPED.
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  get,
  type Experiment,
  type ExperimentResults,
  type MetricResult,
  type Num,
  type Test,
} from './api.js';

// Slower than the live tiles' two seconds: every results request re-reads the experiment's events.
const EVERY_MS = 5000;

const finite = (v: Num | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** `+3.2%`, with a real minus sign; '–' for an undefined statistic. */
function signedPct(v: Num | undefined, digits = 1): string {
  if (!finite(v)) return '–';
  const s = (v * 100).toFixed(digits);
  return v > 0 ? `+${s}%` : `${s.replace('-', '−')}%`;
}

function pct(v: number, digits = 0): string {
  return `${(v * 100).toFixed(digits)}%`;
}

function pValue(p: Num | undefined): string {
  return !finite(p) ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Ratios (and shares) as percentages; per-user means with digits to suit their size. */
function metricValue(v: Num, kind: MetricResult['kind']): string {
  if (!finite(v)) return '–';
  if (kind === 'ratio') return pct(v, 2);
  const a = Math.abs(v);
  return v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 3);
}

function duration(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** The one to show: the pick while it exists and has results, else the newest running, else the newest stopped. */
function shownId(experiments: Experiment[], chosen: string | null): string | null {
  const started = experiments.filter((e) => e.status !== 'draft');
  if (chosen !== null && started.some((e) => e.id === chosen)) return chosen;
  const newest = (status: Experiment['status'], at: (e: Experiment) => string | null) =>
    started
      .filter((e) => e.status === status)
      .sort((a, b) => Date.parse(at(b) ?? '') - Date.parse(at(a) ?? ''))[0];
  return (newest('running', (e) => e.startedAt) ?? newest('stopped', (e) => e.stoppedAt))?.id ?? null;
}

type Tone = 'good' | 'bad' | 'neutral';

/** Green for a significant move the better way, red for one the wrong way, grey for no evidence. */
function toneOf(test: Test, better: MetricResult['better']): Tone {
  if (!test.significant || !finite(test.diff) || test.diff === 0) return 'neutral';
  return test.diff > 0 === (better === 'higher') ? 'good' : 'bad';
}

/** Half-width of a row's bars: the widest interval end of its comparisons, so plain and CUPED compare. */
function rowScale(m: MetricResult): number {
  const ends = m.comparisons.flatMap((c) => [
    c.relative,
    ...c.relativeCi,
    ...(c.cuped ? [c.cuped.relative, ...c.cuped.relativeCi] : []),
  ]);
  const widest = Math.max(0, ...ends.filter(finite).map(Math.abs));
  return widest > 0 ? widest * 1.1 : 0.01;
}

const BAR_W = 120;
const BAR_H = 14;

/** The relative lift's interval as a bar on an axis centred on zero (no change). */
function IntervalBar(props: { test: Test; scale: number; tone: Tone; label: string }) {
  const [lo, hi] = props.test.relativeCi;
  const point = props.test.relative;
  const mid = BAR_W / 2;
  const x = (v: number) => mid + Math.max(-1, Math.min(1, v / props.scale)) * (mid - 3);
  const y = BAR_H / 2;
  return (
    <svg
      class={`interval ${props.tone}`}
      width={BAR_W}
      height={BAR_H}
      viewBox={`0 0 ${BAR_W} ${BAR_H}`}
      role="img"
      aria-label={props.label}
    >
      <title>{props.label}</title>
      <line class="axis" x1={0} x2={BAR_W} y1={y} y2={y} />
      <line class="zero" x1={mid} x2={mid} y1={1} y2={BAR_H - 1} />
      {finite(lo) && finite(hi) && <line class="ci" x1={x(lo)} x2={x(hi)} y1={y} y2={y} />}
      {finite(point) && <circle class="point" cx={x(point)} cy={y} r={3} />}
    </svg>
  );
}

function Lift(props: { test: Test; better: MetricResult['better']; scale: number; level: string }) {
  const tone = toneOf(props.test, props.better);
  const [lo, hi] = props.test.relativeCi;
  // No relative lift when control's value is 0 (the engine's NaN): say so once, not as '– [–, –]'.
  const text = !finite(props.test.relative)
    ? '–'
    : `${signedPct(props.test.relative)} [${signedPct(lo)}, ${signedPct(hi)}]`;
  const label = `${text}, ${props.level} CI; p ${pValue(props.test.pValue)}; bars span ±${pct(props.scale, 1)}`;
  return (
    <span class="lift">
      <IntervalBar test={props.test} scale={props.scale} tone={tone} label={label} />
      <span class={`liftText ${tone}`}>{text}</span>
    </span>
  );
}

function MetricRow(props: { m: MetricResult; r: ExperimentResults; treatments: string[]; level: string }) {
  const { m, r } = props;
  const scale = rowScale(m);
  const harmed = m.comparisons.some((c) => c.harm);
  return (
    <tr class={harmed ? 'harmed' : ''} data-metric={m.name}>
      <td>
        <b>{m.name}</b>
        {m.guardrail && <span class="tag">guardrail</span>}
        <div class="small">
          {m.description} · {m.better} is better
        </div>
      </td>
      {r.arms.map(({ arm }) => {
        const a = m.arms.find((x) => x.arm === arm);
        return (
          <td key={arm} class="num" title={a ? `${a.users} users` : ''}>
            {a ? metricValue(a.value, m.kind) : '–'}
          </td>
        );
      })}
      {props.treatments.map((arm) => {
        const c = m.comparisons.find((x) => x.arm === arm);
        if (!c)
          return (
            <td key={arm} colSpan={3} class="small">
              –
            </td>
          );
        return (
          <Fragment key={arm}>
            <td class="group">
              <Lift test={c} better={m.better} scale={scale} level={props.level} />
              {c.harm && <span class="tag bad">harm</span>}
            </td>
            <td class="num">{pValue(c.pValue)}</td>
            <td>
              {c.cuped ? (
                <>
                  <Lift test={c.cuped} better={m.better} scale={scale} level={props.level} />
                  <div class="small">
                    p {pValue(c.cuped.pValue)} · variance{' '}
                    {signedPct(finite(c.cuped.varianceReduction) ? -c.cuped.varianceReduction : null, 0)}
                  </div>
                </>
              ) : (
                <span class="small">n/a ({m.kind})</span>
              )}
            </td>
          </Fragment>
        );
      })}
    </tr>
  );
}

function SampleRatio(props: { check: ExperimentResults['sampleRatio'] }) {
  const c = props.check;
  if (c === null) return <p class="small">No users exposed yet: no split to check.</p>;
  const figures = `χ² ${finite(c.chiSquare) ? c.chiSquare.toFixed(2) : '–'}, df ${c.df}, p ${pValue(c.pValue)}`;
  if (c.mismatch)
    return (
      <p class="warn" data-testid="srm">
        <b>Sample ratio mismatch</b> ({figures}): the users are not split between the arms as their weights
        say, so assignment or exposure logging is off and every comparison below is suspect.
      </p>
    );
  return (
    <p class="small" data-testid="srm">
      Sample ratio check passed ({figures}).
    </p>
  );
}

function Results(props: { r: ExperimentResults }) {
  const { r } = props;
  const treatments = r.arms.map((a) => a.arm).filter((a) => a !== r.control);
  const total = r.arms.reduce((s, a) => s + a.users, 0);
  const level = `${+((1 - r.alpha) * 100).toFixed(1)}%`;
  const rec = r.recommendedUsersPerArm;
  const smallest = Math.min(...r.arms.map((a) => a.users));
  const ran = duration(r.window.endAt - r.window.startedAt);
  return (
    <div data-testid="experiment-results">
      <h3>
        {r.experiment}: {r.status === 'running' ? 'running for' : 'stopped after'} {ran} (from{' '}
        {new Date(r.window.startedAt).toLocaleString()}
        {r.status === 'running' ? '' : ` to ${new Date(r.window.endAt).toLocaleString()}`}) · α {r.alpha}
      </h3>
      <div class="cols">
        <div>
          <table data-testid="experiment-arms">
            <thead>
              <tr>
                <th>arm</th>
                <th class="num">users</th>
                <th class="num">share</th>
                <th class="num">expected</th>
              </tr>
            </thead>
            <tbody>
              {r.arms.map((a) => (
                <tr key={a.arm}>
                  <td>
                    {a.arm}
                    {a.arm === r.control && <span class="small"> (control)</span>}
                  </td>
                  <td class="num">{a.users}</td>
                  <td class="num">{total > 0 ? pct(a.users / total, 1) : '–'}</td>
                  <td class="num">{pct(a.expectedShare, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <SampleRatio check={r.sampleRatio} />
          {r.harmedGuardrails.length > 0 && (
            <p class="warn" data-testid="harmed">
              <b>Guardrail harmed</b>: {r.harmedGuardrails.join(', ')} moved significantly the wrong way.
            </p>
          )}
          <p data-testid="recommended">
            {rec === null ? (
              <span class="small">Recommended users per arm: not until control has data.</span>
            ) : (
              <>
                Recommended users per arm: <b>{rec.users}</b>{' '}
                <span class="small">
                  to detect a {pct(rec.mdeRelative, 1)} change of the primary metric with 80% power
                  {rec.cuped ? ' (spread reduced by CUPED)' : ''}; the smallest arm has {smallest} (
                  {pct(smallest / rec.users, 1)}).
                </span>
              </>
            )}
          </p>
        </div>
      </div>
      <table class="metrics" data-testid="experiment-metrics">
        <thead>
          <tr>
            <th rowSpan={2}>metric</th>
            {r.arms.map((a) => (
              <th key={a.arm} rowSpan={2} class="num">
                {a.arm}
              </th>
            ))}
            {treatments.map((t) => (
              <th key={t} colSpan={3} class="group">
                {t} vs {r.control}
              </th>
            ))}
          </tr>
          <tr>
            {treatments.map((t) => (
              <Fragment key={t}>
                <th class="group">lift, {level} CI</th>
                <th class="num">p</th>
                <th>with CUPED</th>
              </Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.metrics.map((m) => (
            <MetricRow key={m.name} m={m} r={r} treatments={treatments} level={level} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function overridesText(overrides: Record<string, unknown>): string {
  return Object.entries(overrides)
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
    .join(', ');
}

function ExperimentList(props: {
  experiments: Experiment[];
  shown: string | null;
  onPick: (id: string) => void;
}) {
  return (
    <table data-testid="experiment-list">
      <thead>
        <tr>
          <th>id</th>
          <th>status</th>
          <th>layer</th>
          <th class="num">traffic</th>
          <th>arms</th>
          <th>started</th>
        </tr>
      </thead>
      <tbody>
        {[...props.experiments].reverse().map((e) => {
          // A draft has assigned nobody: there is nothing to show until it starts.
          const pickable = e.status !== 'draft';
          const weights = e.arms.reduce((s, a) => s + a.weight, 0);
          return (
            <tr
              key={e.id}
              data-experiment={e.id}
              class={`${pickable ? 'pickable' : ''} ${e.id === props.shown ? 'picked' : ''}`}
              title={pickable ? 'show its results' : 'a draft: start it to assign users'}
              onClick={pickable ? () => props.onPick(e.id) : undefined}
            >
              <td>
                <b>{e.id}</b>
                {e.name && <div class="small">{e.name}</div>}
              </td>
              <td>
                <span class={`status ${e.status}`}>{e.status}</span>
                {e.servingProblems.length > 0 && (
                  <div class="warn small" data-testid="not-served">
                    not served:{' '}
                    {e.servingProblems.map((p) => `${p.pointer.replace(/^\//, '')}: ${p.message}`).join('; ')}
                  </div>
                )}
              </td>
              <td>{e.layer}</td>
              <td class="num">
                {e.traffic}%
                <div class="small">
                  buckets {e.bucketStart}–{e.bucketEnd}
                </div>
              </td>
              <td>
                {e.arms.map((a) => (
                  <div key={a.name}>
                    {a.name} <span class="small">{pct(a.weight / weights)}</span>
                    {a.name === e.control && <span class="small"> (control)</span>}
                    {Object.keys(a.overrides).length > 0 && (
                      <div class="small">{overridesText(a.overrides)}</div>
                    )}
                  </div>
                ))}
              </td>
              <td class="small">
                {e.startedAt ? new Date(e.startedAt).toLocaleString() : '–'}
                {e.stoppedAt && <div>stopped {new Date(e.stoppedAt).toLocaleString()}</div>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ExperimentsPanel() {
  const [experiments, setExperiments] = useState<Experiment[] | null>(null);
  const [results, setResults] = useState<ExperimentResults | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState('');
  // The poll reads the pick from here (its closure outlives renders) and is asked to rerun on a pick.
  const chosenRef = useRef<string | null>(null);
  const pollNow = useRef<() => void>(() => {});

  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request chain at a time, rescheduled when it ends: a slow results read never piles up,
    // and a pick made meanwhile is fetched as soon as the current one lands.
    const poll = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      try {
        const list = (await get<{ experiments: Experiment[] }>('/v1/admin/experiments')).experiments;
        if (stopped) return;
        setExperiments(list);
        const id = shownId(list, chosenRef.current);
        const r =
          id === null
            ? null
            : await get<ExperimentResults>(`/v1/admin/experiments/${encodeURIComponent(id)}/results`);
        if (stopped) return;
        setResults(r);
        setError('');
      } catch (e) {
        if (!stopped) setError(`experiments: ${String(e)}`);
      } finally {
        running = false;
        if (!stopped) {
          if (again) {
            again = false;
            void poll();
          } else timer = setTimeout(() => void poll(), EVERY_MS);
        }
      }
    };
    pollNow.current = () => void poll();
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const pick = (id: string) => {
    chosenRef.current = id;
    setChosen(id);
    pollNow.current();
  };

  const shown = experiments ? shownId(experiments, chosen) : null;
  return (
    <section class="card wide" data-testid="experiments">
      <h2>Experiments</h2>
      {error && <p class="error">{error}</p>}
      {experiments === null ? (
        !error && <p class="small">Loading…</p>
      ) : experiments.length === 0 ? (
        <p class="small" data-testid="experiments-empty">
          No experiments yet — create one with <code>foryou experiment create</code> or{' '}
          <code>POST /v1/admin/experiments</code>.
        </p>
      ) : (
        <>
          <ExperimentList experiments={experiments} shown={shown} onPick={pick} />
          {shown === null ? (
            <p class="small">
              None has started: start one with <code>foryou experiment start ID</code> or{' '}
              <code>POST /v1/admin/experiments/ID/start</code> to see its results.
            </p>
          ) : results?.experiment === shown ? (
            <Results r={results} />
          ) : (
            <p class="small">Loading the results of {shown}…</p>
          )}
        </>
      )}
    </section>
  );
}
