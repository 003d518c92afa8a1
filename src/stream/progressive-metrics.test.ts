import { describe, expect, it } from 'vitest';
import type { HeadScores } from '../models/index.js';
import { auc as rocAuc } from '../eval/metrics/index.js';
import { ProgressiveMetrics, logLoss } from './progressive-metrics.js';

const all = (v: number): HeadScores => ({ finish: v, watch: v, like: v, share: v, follow: v, quickSkip: v });

describe('progressive metrics', () => {
  it('computes AUC with ties as one half, and log loss with soft labels', () => {
    // pairs (positive, negative): 0.9>0.1, 0.9>0.4, 0.4>0.1, 0.4=0.4 -> 3.5 of 4
    expect(rocAuc([1, 0, 1, 0], [0.9, 0.1, 0.4, 0.4])).toBe(0.875);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
    // a soft label 0.3 predicted exactly: its entropy
    expect(logLoss([0.3], [0.3])).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 12);
  });

  it('summarises the most recent window only', () => {
    const m = new ProgressiveMetrics(2);
    m.add(all(0.01), all(1)); // a bad prediction, pushed out of the window below
    m.add(all(0.8), all(1));
    m.add(all(0.2), all(0));
    const s = m.summary();
    expect(s.progressive_samples).toBe(2);
    expect(s.finish_logloss).toBeCloseTo(-Math.log(0.8), 12);
    expect(s.finish_auc).toBe(1);
    expect(s.watch_auc).toBe(1);
  });
});
