// The offline comparison of the ranking models on joined samples from the simulator.
//
// Runs the simulator's in-process feed (a real Engine on a scratch data directory, its joiner
// writing the `samples` table as the simulated users swipe), reads the samples, splits them by
// time (the first 80% by serve time train, the rest test; a training sample must also have closed
// before the first test sample was served, so no label from the test period is learned), trains
// every model through the one offline interface (src/models/ranking-offline.ts) and reports per
// head AUC, GAUC and log loss, the blended score's pairwise order against watch time, and the
// training time. Writes bench/results/ranking.json and bench/results/ranking.md.
//
//   npm run bench:ranking [-- --users 1000 --sessions 5 --seed 1 --models ftrl,fm,gbdt,mlp]
//   --save-samples f.json / --samples f.json   keep the simulated samples / reuse them (no simulation)
//
// Test samples are scored at position 0, as the ranker scores candidates when serving
// (`--position served` scores them at their served position instead). The models read whatever
// features the samples carry, by name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  FmRanker,
  FtrlRanker,
  GbdtRanker,
  HEADS,
  MlpRanker,
  type HeadPredictions,
  type OfflineRanker,
} from '../../src/models/index.js';
import { FeedPolicy, generateWorld, runSimulation } from '../../src/sim/index.js';
import { sampleLabels } from '../../src/stream/index.js';
import { RESULTS_DIR, machine, record } from '../lib.js';
import { markdownTables, scoreModel, type ModelScore, type TestSample } from './ranking-report.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    sessions: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    videos: { type: 'string', default: '10000' },
    models: { type: 'string', default: 'ftrl,fm,gbdt,mlp' },
    position: { type: 'string', default: 'zero' },
    samples: { type: 'string' },
    'save-samples': { type: 'string' },
    'no-record': { type: 'boolean', default: false },
  },
});
const command = ['npm run bench:ranking --', ...process.argv.slice(2)].join(' ');
const seed = Number(values.seed);

/** A joined sample as the benchmark keeps it. */
interface Joined extends Omit<TestSample, 'user'> {
  userId: string;
  offset: number;
  servedAt: number;
  closedAt: number;
  /** The score the feed ranked it by. */
  servedScore: number;
}

async function simulate(): Promise<{ samples: Joined[]; simSeconds: number }> {
  const world = generateWorld({ seed, videos: Number(values.videos), futureHours: 48 });
  const duration = new Map(world.items.map((item) => [item.id, item.durationMs]));
  const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-ranking-'));
  const feed = new FeedPolicy({ dataDir: dir });
  try {
    const started = performance.now();
    await runSimulation({
      policy: feed,
      world,
      users: Number(values.users),
      sessionsPerUser: Number(values.sessions),
      seed,
      // time to personalise is not reported here: skip the oracle run that measures its reference
      referenceWatchRatio: 1,
      onProgress: (done, total) => {
        if (done % 500 === 0) process.stderr.write(`\rsimulating: ${done}/${total} sessions`);
      },
    });
    process.stderr.write('\n');
    const simSeconds = (performance.now() - started) / 1000;
    const samples: Joined[] = [];
    for (let after = 0; ;) {
      const batch = feed.engine.samples.read(after, 10_000);
      if (batch.length === 0) break;
      for (const s of batch)
        samples.push({
          features: s.features,
          source: s.source,
          position: s.position,
          labels: sampleLabels(s),
          watchMs: s.watchRatio * duration.get(s.itemId)!,
          durationMs: duration.get(s.itemId)!,
          userId: s.userId,
          offset: s.offset,
          servedAt: s.servedAt,
          closedAt: s.closedAt,
          servedScore: s.score,
        });
      after = batch[batch.length - 1]!.offset;
    }
    return { samples, simSeconds };
  } finally {
    feed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The time split: test from the serve time at the 80th percentile on; train closed before it, in offset order. */
function split(samples: readonly Joined[]) {
  const byTime = [...samples].sort((a, b) => a.servedAt - b.servedAt || a.offset - b.offset);
  const cut = byTime[Math.floor(byTime.length * 0.8)]!.servedAt;
  const train = samples
    .filter((s) => s.servedAt < cut && s.closedAt <= cut)
    .sort((a, b) => a.offset - b.offset);
  const open = samples.filter((s) => s.servedAt < cut && s.closedAt > cut).length;
  const users = new Map<string, number>();
  const test: TestSample[] = byTime
    .filter((s) => s.servedAt >= cut)
    .map((s) => {
      if (!users.has(s.userId)) users.set(s.userId, users.size);
      return { ...s, user: users.get(s.userId)!, position: values.position === 'served' ? s.position : 0 };
    });
  return { train, test, cut, open };
}

function rankers(names: readonly string[]): OfflineRanker[] {
  const make: Record<string, () => OfflineRanker> = {
    ftrl: () => new FtrlRanker(),
    fm: () => new FmRanker(),
    // the settings of the xgboost comparison (docs/MODELS.md), 100 rounds
    gbdt: () => new GbdtRanker({ rounds: 100, eta: 0.1, maxDepth: 6, lambda: 1, minChildWeight: 1 }),
    mlp: () => new MlpRanker(),
  };
  return names.map((name) => {
    const m = make[name];
    if (!m) throw new Error(`unknown model ${name}: choose among ${Object.keys(make).join(', ')}`);
    return m();
  });
}

const loadBefore = loadavg();
let samples: Joined[];
let simSeconds: number | null = null;
if (values.samples) samples = JSON.parse(readFileSync(values.samples, 'utf8')) as Joined[];
else ({ samples, simSeconds } = await simulate());
if (values['save-samples']) writeFileSync(values['save-samples'], JSON.stringify(samples));
const { train, test, cut, open } = split(samples);
const rate = (rows: readonly { labels: Record<string, number> }[]) =>
  Object.fromEntries(
    HEADS.map((h) => [h, Number((rows.reduce((a, s) => a + s.labels[h]!, 0) / rows.length).toFixed(4))]),
  );
const data = {
  samples: samples.length,
  train: train.length,
  test: test.length,
  droppedOpenAtCut: open,
  cutServedAt: new Date(cut).toISOString(),
  testUsers: new Set(test.map((s) => s.user)).size,
  features: [...new Set(samples.flatMap((s) => Object.keys(s.features)))].sort(),
  labelMeans: { train: rate(train), test: rate(test) },
};
process.stderr.write(`${JSON.stringify(data)}\n`);

const scores: ModelScore[] = [];
for (const ranker of rankers(values.models!.split(','))) {
  const t0 = performance.now();
  ranker.fit(train);
  const t1 = performance.now();
  const predicted = ranker.predict(test);
  const t2 = performance.now();
  const score = scoreModel(ranker.name, test, predicted, true, {
    fit: (t1 - t0) / 1000,
    predict: (t2 - t1) / 1000,
  });
  scores.push(score);
  process.stderr.write(`${JSON.stringify(score)}\n`);
}
// reference: the score the feed ranked by when it served each test sample (its blend of recall
// scores and the online model as it was then), the same number for every head
const served = Float64Array.from(test, (s) => (s as unknown as Joined).servedScore);
const reference = Object.fromEntries(
  HEADS.map((h) => [h, h === 'quickSkip' ? served.map((x) => -x) : served]),
);
scores.push(scoreModel('served score (reference)', test, reference as HeadPredictions, false, null));

const loadAfter = loadavg();
const settings = {
  users: Number(values.users),
  sessions: Number(values.sessions),
  seed,
  videos: Number(values.videos),
  testPosition: values.position,
  simSeconds: simSeconds === null ? null : Number(simSeconds.toFixed(1)),
  loadAverage: {
    before: loadBefore.map((x) => Number(x.toFixed(2))),
    after: loadAfter.map((x) => Number(x.toFixed(2))),
  },
};
const tables = markdownTables(scores);
process.stdout.write(`${tables}\n`);
if (!values['no-record']) {
  record('ranking', { command, settings, data, results: scores });
  const m = machine();
  writeFileSync(
    join(RESULTS_DIR, 'ranking.md'),
    `# Ranking models on simulated joined samples\n\n` +
      `- **Command**: \`${command}\`\n` +
      `- **Machine**: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.kernel}\n` +
      `- **Date**: ${m.date}; load average (1/5/15 min) ${settings.loadAverage.before.join(' / ')} before, ` +
      `${settings.loadAverage.after.join(' / ')} after\n` +
      `- **Data**: ${data.samples} samples from ${settings.users} users x ${settings.sessions} sessions (seed ${seed}` +
      `${simSeconds === null ? '' : `, simulated in ${settings.simSeconds} s`}); train ${data.train} (served and closed ` +
      `before ${data.cutServedAt}, ${open} still open at the cut left out), test ${data.test} (${data.testUsers} users), ` +
      `scored at position ${values.position === 'served' ? 'as served' : '0, as when ranking'}\n` +
      `- **Features** (read from the samples by name): ${data.features.join(', ')}\n\n` +
      `AUC per head (for the watch head: the pairwise order against the watch ratio capped at 1), ` +
      `GAUC (per user, weighted by the user's test impressions, users with both classes), log loss; ` +
      `"blend vs watch ms": the pairwise order of the final score (default head weights, the watch-time term included) against ` +
      `observed watch time, overall and per user. Fit: seconds to train on one core.\n\n${tables}\n`,
  );
}
