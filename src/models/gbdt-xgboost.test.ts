// Our GBDT against Debian's xgboost (the `xgboost` command of the Debian package `xgboost`, 1.7 on
// bookworm) on the same data with the same settings. Two checks:
//   - continuous features, where the two quantile the columns differently (exact quantiles here,
//     a sketch there), so the trees differ in detail: AUC within 0.005, RMSE within 2%;
//   - features with few distinct values, where both cut every value into its own bin: the same
//     trees, so the same predictions row by row.
// The test fails (never skips) without xgboost: CI installs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auc, rmse } from '../eval/metrics/index.js';
import type { GbdtObjective } from './gbdt-options.js';
import { GbdtModel } from './gbdt.js';
import {
  COMPARED_SETTINGS,
  runXgboost,
  syntheticTabular,
  xgboostVersion,
  type TabularData,
} from './testing-data.js';

const ROUNDS = 50;
/** The same settings in both spellings (testing-data.ts). */
const ours = { rounds: ROUNDS, ...COMPARED_SETTINGS.ours };
const xgb = { ...COMPARED_SETTINGS.xgboost, seed: 0 };

const installed = xgboostVersion() !== null;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'foryou-xgboost-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Both models' predictions for the test rows. Each test fails here, by name, without xgboost. */
function both(objective: GbdtObjective, train: TabularData, test: TabularData, name: string) {
  if (!installed)
    throw new Error(
      'the xgboost command is not installed: run `apt-get install -y xgboost` (Debian package "xgboost"); ' +
        'this test compares our GBDT with it and does not skip',
    );
  const reference = runXgboost(
    mkdtempSync(join(dir, `${name}-`)),
    train,
    test,
    { ...xgb, objective },
    ROUNDS,
  );
  const model = GbdtModel.fit(train.x, train.nFeatures, train.y, { ...ours, objective });
  return { ours: model.predict(test.x), xgboost: reference.predictions };
}

/** Features rounded to thirds: a few dozen distinct values each, fewer than max_bin. */
function coarse(d: TabularData): TabularData {
  return { ...d, x: d.x.map((v) => Math.round(v * 3)) };
}

describe('GBDT against xgboost (hist, same settings)', () => {
  it('binary:logistic on 20k x 20 with interactions and missing values: AUC within 0.005', () => {
    const train = syntheticTabular(20_000, 20, 'binary:logistic', 1);
    const test = syntheticTabular(20_000, 20, 'binary:logistic', 2);
    const p = both('binary:logistic', train, test, 'logistic');
    const a = auc(test.y, p.ours);
    const b = auc(test.y, p.xgboost);
    // xgboost must have learned something for the comparison to mean anything
    expect(b).toBeGreaterThan(0.8);
    expect(Math.abs(a - b), `AUC ours ${a.toFixed(4)} vs xgboost ${b.toFixed(4)}`).toBeLessThanOrEqual(0.005);
  }, 60_000);

  it('reg:squarederror on 20k x 20: test RMSE within 2%', () => {
    const train = syntheticTabular(20_000, 20, 'reg:squarederror', 3);
    const test = syntheticTabular(20_000, 20, 'reg:squarederror', 4);
    const p = both('reg:squarederror', train, test, 'squared');
    const a = rmse(test.y, p.ours);
    const b = rmse(test.y, p.xgboost);
    expect(b).toBeLessThan(1.3); // the labels spread about 2.3, their noise 0.5
    expect(Math.abs(a / b - 1), `RMSE ours ${a.toFixed(4)} vs xgboost ${b.toFixed(4)}`).toBeLessThanOrEqual(
      0.02,
    );
  }, 60_000);

  it.each(['binary:logistic', 'reg:squarederror'] as const)(
    '%s with fewer distinct values than bins: the same trees, the same predictions',
    (objective) => {
      const train = coarse(syntheticTabular(8_000, 14, objective, 5));
      const test = coarse(syntheticTabular(4_000, 14, objective, 6));
      const p = both(objective, train, test, `exact-${objective.replace(':', '-')}`);
      let worst = 0;
      for (let r = 0; r < test.nRows; r++) worst = Math.max(worst, Math.abs(p.ours[r]! - p.xgboost[r]!));
      // float32 leaves summed in float32 there, float64 here: 1e-5 is far below one split's effect
      expect(worst).toBeLessThan(1e-5);
    },
    60_000,
  );
});
