import { describe, expect, it } from 'vitest';
import type { HeadScores } from '../models/index.js';
import { ProgressiveMetrics } from './progressive-metrics.js';

const all = (v: number): HeadScores => ({ finish: v, watch: v, like: v, share: v, follow: v, quickSkip: v });

describe('progressive metrics', () => {
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

  it('takes the watch ratio as a soft label, and its AUC as of watching at least half', () => {
    const m = new ProgressiveMetrics(10);
    m.add({ ...all(0.5), watch: 0.3 }, { ...all(1), watch: 0.3 });
    m.add({ ...all(0.5), watch: 0.6 }, { ...all(0), watch: 0.7 });
    const s = m.summary();
    const entropy = (y: number) => -(y * Math.log(y) + (1 - y) * Math.log(1 - y));
    const cross = (y: number, p: number) => -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    expect(s.watch_logloss).toBeCloseTo((entropy(0.3) + cross(0.7, 0.6)) / 2, 12);
    expect(s.watch_auc).toBe(1); // 0.6 (watched 0.7) ranks above 0.3 (watched 0.3)
  });
});
