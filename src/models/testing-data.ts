// Synthetic tabular data and the xgboost command-line reference, for this folder's GBDT tests and
// bench/models/gbdt.ts (not part of the build: tsconfig.build.json leaves testing-data.ts out).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../core/random.js';
import type { GbdtObjective } from './gbdt-options.js';

export interface TabularData {
  /** Row-major, NaN = missing. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly nRows: number;
  readonly nFeatures: number;
}

/**
 * A seeded dataset whose target needs trees: main effects, interactions (x2·(x3 + 1),
 * x10·(x11 + 1)), a sine, an AND of two thresholds, a square, a categorical feature (x8 in 0..4)
 * and an absolute value, and pure noise columns from 12 on (at least 12 features). Each
 * interaction has a main effect, so greedy splitting finds it in a predictable round: a pure
 * product x2·x3 is found only when noise happens to favour a first split on x2 or x3, which makes
 * two otherwise equal learners drift apart by several percent of RMSE. x0, x2, x5 and x9 are missing in 8% of
 * rows each; a missing x0 adds +0.8 (missingness that says something, so the default direction
 * of a split matters), the others count as 0. Binary labels are Bernoulli(sigmoid(f)), regression
 * ones f + N(0, 0.5²).
 */
export function syntheticTabular(
  nRows: number,
  nFeatures: number,
  objective: GbdtObjective,
  seed: number,
): TabularData {
  if (nFeatures < 12) throw new RangeError('syntheticTabular needs at least 12 features');
  const rng = new Rng(seed);
  const x = new Float32Array(nRows * nFeatures);
  const y = new Float32Array(nRows);
  const missing = new Set([0, 2, 5, 9]);
  for (let r = 0; r < nRows; r++) {
    const row = r * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const v = f === 8 ? rng.int(5) : f === 4 || f === 7 ? rng.uniform(-2, 2) : rng.normal();
      x[row + f] = missing.has(f) && rng.chance(0.08) ? NaN : v;
    }
    const v = (f: number): number => {
      const value = x[row + f]!;
      return value === value ? value : 0;
    };
    const f =
      (x[row] !== x[row] ? 0.8 : 1.2 * v(0)) -
      0.8 * v(1) +
      v(2) * (v(3) + 1) +
      1.5 * Math.sin(2 * v(4)) +
      (v(5) > 0.3 && v(6) < 0 ? 1.2 : -0.3) +
      0.6 * (v(7) * v(7) - 1) +
      (v(8) === 1 || v(8) === 3 ? 0.8 : 0) -
      0.5 * Math.abs(v(9)) +
      0.3 * v(10) * (v(11) + 1);
    y[r] =
      objective === 'binary:logistic'
        ? rng.next() < 1 / (1 + Math.exp(-f))
          ? 1
          : 0
        : f + rng.normal(0, 0.5);
  }
  return { x, y, nRows, nFeatures };
}

/** The shortest decimal that reads back as the same float32 (xgboost parses features as float). */
function float32String(v: number): string {
  for (let p = 6; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return s;
  }
  return v.toPrecision(9);
}

/** Writes LIBSVM text, 0-based feature indices, missing cells left out (xgboost's missing). */
export function writeLibsvm(path: string, data: TabularData): void {
  const lines: string[] = [];
  for (let r = 0; r < data.nRows; r++) {
    let line = String(data.y[r]);
    for (let f = 0; f < data.nFeatures; f++) {
      const v = data.x[r * data.nFeatures + f]!;
      if (v === v) line += ` ${f}:${float32String(v)}`;
    }
    lines.push(line);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/**
 * The settings our GBDT and xgboost are compared under (the test and bench/models/gbdt.ts), in
 * both spellings. base_score is explicit: xgboost 1.x defaults to 0.5, 2.x estimates it.
 */
export const COMPARED_SETTINGS = {
  ours: { eta: 0.1, maxDepth: 6, lambda: 1, minChildWeight: 1, maxBin: 256, baseScore: 0.5 },
  xgboost: {
    tree_method: 'hist',
    eta: 0.1,
    max_depth: 6,
    lambda: 1,
    min_child_weight: 1,
    max_bin: 256,
    base_score: 0.5,
  },
} as const;

/** The installed xgboost's version line, or null when the command is missing. */
export function xgboostVersion(): string | null {
  const run = spawnSync('xgboost', ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  return (run.stdout + run.stderr).trim();
}

export interface XgboostRun {
  /** Predictions for the test rows: probabilities for binary:logistic, values otherwise. */
  predictions: Float64Array;
  /** Wall time of the training command, reading the LIBSVM file included. */
  trainSeconds: number;
}

/**
 * Trains xgboost's CLI on `train` with `params` (xgboost names) for `rounds` rounds in `dir` and
 * predicts `test`. The LIBSVM files (`train.libsvm`, `test.libsvm`) are written there first
 * unless `write` is false (a second run on the same files). The model is saved as JSON
 * (`model.json`), so a test can read its trees.
 */
export function runXgboost(
  dir: string,
  train: TabularData,
  test: TabularData,
  params: Readonly<Record<string, string | number>>,
  rounds: number,
  { write = true }: { write?: boolean } = {},
): XgboostRun {
  const trainPath = join(dir, 'train.libsvm');
  const testPath = join(dir, 'test.libsvm');
  if (write) {
    writeLibsvm(trainPath, train);
    writeLibsvm(testPath, test);
  }
  // num_feature pins the column count, so a last column missing from every row cannot shrink it
  const config = [
    'booster = gbtree',
    `num_round = ${rounds}`,
    `num_feature = ${train.nFeatures}`,
    `data = "${trainPath}?format=libsvm"`,
    `model_out = "${join(dir, 'model.json')}"`,
    ...Object.entries(params).map(([k, v]) => `${k} = ${v}`),
  ].join('\n');
  const configPath = join(dir, 'xgboost.conf');
  writeFileSync(configPath, config + '\n');
  const started = performance.now();
  execFileSync('xgboost', [configPath, 'silent=1'], { cwd: dir, stdio: 'pipe' });
  const trainSeconds = (performance.now() - started) / 1000;
  const predPath = join(dir, 'pred.txt');
  execFileSync(
    'xgboost',
    [
      configPath,
      'task=pred',
      `model_in=${join(dir, 'model.json')}`,
      `test:data=${testPath}?format=libsvm`,
      `name_pred=${predPath}`,
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  const predictions = Float64Array.from(readFileSync(predPath, 'utf8').trim().split('\n'), Number);
  if (predictions.length !== test.nRows)
    throw new Error(`xgboost wrote ${predictions.length} predictions for ${test.nRows} rows`);
  return { predictions, trainSeconds };
}
