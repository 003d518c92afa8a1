// Progressive validation (Blum, Kalai & Langford 1999), the standard evaluation of an online
// learner: each sample is scored by the model as it was before learning it, so every prediction is
// out-of-sample although no data is held out. Kept over a sliding window of the most recent
// samples, so a published version's figures describe the model as it is now, not its early days.
import { auc, logloss } from '../eval/metrics/index.js';
import { HEADS, type Head, type HeadScores } from '../models/index.js';

export class ProgressiveMetrics {
  private readonly predictions: Record<Head, Float64Array>;
  private readonly labels: Record<Head, Float64Array>;
  private next = 0;
  private filled = 0;

  constructor(readonly window = 10_000) {
    const make = () =>
      Object.fromEntries(HEADS.map((h) => [h, new Float64Array(window)])) as Record<Head, Float64Array>;
    this.predictions = make();
    this.labels = make();
  }

  /** One sample: the predictions made before learning it, and its labels. */
  add(predicted: Readonly<HeadScores>, labels: Readonly<HeadScores>): void {
    for (const h of HEADS) {
      this.predictions[h][this.next] = predicted[h];
      this.labels[h][this.next] = labels[h];
    }
    this.next = (this.next + 1) % this.window;
    this.filled = Math.min(this.filled + 1, this.window);
  }

  get count(): number {
    return this.filled;
  }

  /**
   * `<head>_logloss` for every head and `<head>_auc` for the 0/1 heads (the watch head's label is a
   * fraction; its AUC is of "watched at least half"), plus `progressive_samples`. An AUC without
   * both classes in the window is left out (JSON has no NaN).
   */
  summary(): Record<string, number> {
    const out: Record<string, number> = { progressive_samples: this.filled };
    if (this.filled === 0) return out;
    for (const h of HEADS) {
      const p = this.predictions[h].subarray(0, this.filled);
      const y = this.labels[h].subarray(0, this.filled);
      out[`${h}_logloss`] = logloss(y, p);
      const headAuc = auc(h === 'watch' ? y.map((v) => (v >= 0.5 ? 1 : 0)) : y, p);
      if (!Number.isNaN(headAuc)) out[`${h}_auc`] = headAuc;
    }
    return out;
  }
}
