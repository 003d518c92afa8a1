// The dashboard: live figures polled every two seconds and kept as series here, model versions
// with their offline metrics, watch time and skip rate per minute (per experiment arm once the
// engine has experiments: the series are keyed by arm), the experiments with their results, and
// the inspectors.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, pairs, type Live, type ModelState } from './api.js';
import { Chart } from './chart.js';
import { ExperimentsPanel } from './experiments.js';
import { ItemInspector, UserInspector } from './inspectors.js';
import './styles.css';

const KEEP = 300; // points of the client-side series: ten minutes at one per two seconds

interface History {
  t: number[];
  eps: number[];
  p50: number[];
  p99: number[];
  freshness: number[];
}

function fmt(v: number | null | undefined, unit = '', digits = 1): string {
  return v === null || v === undefined ? '–' : `${v.toFixed(digits)}${unit}`;
}

function Dashboard() {
  const [live, setLive] = useState<Live | null>(null);
  const [models, setModels] = useState<ModelState[]>([]);
  const [history, setHistory] = useState<History>({ t: [], eps: [], p50: [], p99: [], freshness: [] });
  const [error, setError] = useState('');
  const [itemId, setItemId] = useState('');

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const l = await get<Live>('/v1/admin/live');
        if (stopped) return;
        setLive(l);
        setError('');
        setHistory((h) => {
          const push = (a: number[], v: number) => [...a, v].slice(-KEEP);
          return {
            t: push(h.t, l.at / 1000),
            eps: push(h.eps, l.eventsPerSecond ?? 0),
            p50: push(h.p50, l.feedLatencyMs.p50 ?? 0),
            p99: push(h.p99, l.feedLatencyMs.p99 ?? 0),
            freshness: push(h.freshness, l.freshnessLagMs),
          };
        });
        const m = await get<{ models: ModelState[] }>('/v1/admin/models');
        if (!stopped) setModels(m.models);
      } catch (e) {
        if (!stopped) setError(`engine unreachable: ${String(e)}`);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const arms = [...new Set((live?.watch ?? []).map((w) => w.arm))];
  const minutes = [...new Set((live?.watch ?? []).map((w) => w.t))].sort((a, b) => a - b);
  const byArm = (field: 'watchSeconds' | 'skipRate') =>
    arms.map((arm) =>
      minutes.map((t) => live!.watch.find((w) => w.t === t && w.arm === arm)?.[field] ?? NaN),
    );

  return (
    <div class="dash">
      <header>
        <h1>foryou · dashboard</h1>
        <a href="/">open the feed</a>
        {error && <span class="error">{error}</span>}
      </header>
      <div class="tiles" data-testid="tiles">
        <div class="tile">
          <span>events/s</span>
          <b data-testid="eps">{fmt(live?.eventsPerSecond)}</b>
        </div>
        <div class="tile">
          <span>feed p50 / p99</span>
          <b>
            {fmt(live?.feedLatencyMs.p50, ' ms')} / {fmt(live?.feedLatencyMs.p99, ' ms')}
          </b>
        </div>
        <div class="tile">
          <span>freshness lag</span>
          <b>{fmt(live ? live.freshnessLagMs / 1000 : null, ' s', 2)}</b>
        </div>
        <div class="tile">
          <span>events logged</span>
          <b>{live?.eventsTotal ?? '–'}</b>
        </div>
      </div>
      <div class="grid">
        <section class="card">
          <Chart title="events/s" series={['events/s']} data={[history.t, history.eps]} />
        </section>
        <section class="card">
          <Chart
            title="feed latency (ms)"
            series={['p50', 'p99']}
            data={[history.t, history.p50, history.p99]}
          />
        </section>
        <section class="card">
          <Chart
            title="watch seconds per impression, by arm"
            series={arms}
            data={[minutes.map((t) => t / 1000), ...byArm('watchSeconds')]}
          />
        </section>
        <section class="card">
          <Chart
            title="skip rate, by arm"
            series={arms}
            data={[minutes.map((t) => t / 1000), ...byArm('skipRate')]}
          />
        </section>
        <section class="card">
          <h2>Processor lag (records)</h2>
          <table>
            <tbody>
              {(live?.processors ?? []).map((p) => (
                <tr key={p.group}>
                  <td>{p.group}</td>
                  <td class="num">{p.lag}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Chart
            title="freshness lag (ms)"
            series={['lag']}
            data={[history.t, history.freshness]}
            height={120}
          />
        </section>
        <section class="card" data-testid="models">
          <h2>Models</h2>
          {models.map((m) => (
            <div key={m.name}>
              <h3>
                {m.name}: serving {m.serving === null ? 'none yet' : `v${m.serving}`}
              </h3>
              <table>
                <tbody>
                  {m.versions.map((v) => (
                    <tr key={v.version}>
                      <td>v{v.version}</td>
                      <td class="small">{new Date(v.trainedAt).toLocaleTimeString()}</td>
                      <td class="small">{pairs(Object.entries(v.metrics).slice(0, 6), 3)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      </div>
      <ExperimentsPanel />
      <UserInspector onItem={setItemId} />
      <ItemInspector id={itemId} setId={setItemId} />
    </div>
  );
}

render(<Dashboard />, document.getElementById('app')!);
