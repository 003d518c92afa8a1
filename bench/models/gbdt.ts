// Our histogram GBDT against Debian's xgboost CLI on the same synthetic data and settings: fit
// time and held-out AUC (binary:logistic) and RMSE (reg:squarederror). Writes
// bench/results/gbdt.json. Usage (needs `apt-get install -y xgboost`):
//   npx tsx bench/models/gbdt.ts [rows=100000] [features=30] [rounds=100]
//
// xgboost's time is the CLI's wall time, reading the LIBSVM text included; the same command with
// one round estimates that fixed part, reported separately. Ours is single-threaded; xgboost is run
// with one thread and with every core.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { auc, rmse } from '../../src/eval/metrics/index.js';
import { GbdtModel, type GbdtObjective } from '../../src/models/index.js';
import {
  COMPARED_SETTINGS,
  runXgboost,
  syntheticTabular,
  xgboostVersion,
} from '../../src/models/testing-data.js';
import { record } from '../lib.js';

const [rows, features, rounds] = [100_000, 30, 100].map((d, i) => Number(process.argv[2 + i] ?? d)) as [
  number,
  number,
  number,
];
const version = xgboostVersion();
if (!version) {
  process.stderr.write('xgboost is not installed: apt-get install -y xgboost\n');
  process.exit(1);
}
const settings = COMPARED_SETTINGS.ours;
const xgbSettings = COMPARED_SETTINGS.xgboost;

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const results: Record<string, unknown>[] = [];
const dir = mkdtempSync(join(tmpdir(), 'foryou-bench-gbdt-'));
try {
  for (const objective of ['binary:logistic', 'reg:squarederror'] as GbdtObjective[]) {
    const train = syntheticTabular(rows, features, objective, 11);
    const test = syntheticTabular(50_000, features, objective, 12);
    const metric = objective === 'binary:logistic' ? auc : rmse;
    const metricName = objective === 'binary:logistic' ? 'auc' : 'rmse';

    const started = performance.now();
    const model = GbdtModel.fit(train.x, features, train.y, { ...settings, objective, rounds });
    const fitSeconds = (performance.now() - started) / 1000;
    const predictStarted = performance.now();
    const ours = model.predict(test.x);
    const predictSeconds = (performance.now() - predictStarted) / 1000;

    const params = { ...xgbSettings, objective };
    const one = runXgboost(dir, train, test, { ...params, nthread: 1 }, rounds);
    const all = runXgboost(dir, train, test, { ...params, nthread: cpus().length }, rounds, { write: false });
    const load = runXgboost(dir, train, test, { ...params, nthread: 1 }, 1, { write: false });

    const entry = {
      objective,
      [`${metricName}Ours`]: round(metric(test.y, ours), 5),
      [`${metricName}Xgboost`]: round(metric(test.y, one.predictions), 5),
      oursFitSeconds: round(fitSeconds, 2),
      oursPredictSeconds: round(predictSeconds, 3),
      xgboost1ThreadSeconds: round(one.trainSeconds, 2),
      xgboostAllThreadsSeconds: round(all.trainSeconds, 2),
      xgboostOneRoundSeconds: round(load.trainSeconds, 2),
      trees: model.nTrees,
    };
    results.push(entry);
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
record('gbdt', {
  xgboost: version,
  data: {
    trainRows: rows,
    testRows: 50_000,
    features,
    generator: 'syntheticTabular (src/models/testing-data.ts), seeds 11/12',
  },
  settings: { rounds, ...xgbSettings },
  results,
});
