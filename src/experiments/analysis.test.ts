import { describe, expect, it } from 'vitest';
import { analyse } from './analysis.js';
import { testExperiment } from './testing.js';
import { emptyOutcomes, type Outcomes, type UserOutcomes } from './user-metrics.js';

const DAY = 86_400_000;
const experiment = testExperiment();

function outcomes(o: Partial<Outcomes>): Outcomes {
  return { ...emptyOutcomes(), lastTs: 0, ...o };
}

/** Users whose in-experiment watch time is their pre-period habit plus the arm's effect and noise. */
function population(
  n: number,
  effectMs: number,
  skipsPerTenPlays: number,
  arm: string,
  seed: number,
): UserOutcomes[] {
  return Array.from({ length: n }, (_, i) => {
    const habit = 60_000 + ((i * 7919 + seed) % 97) * 2000; // users differ a lot, stably
    const noise = (((i * 104_729 + seed * 31) % 41) - 20) * 500;
    return {
      userId: `${arm}${i}`,
      arm,
      firstAt: 0,
      during: outcomes({
        watchMs: habit + effectMs + noise,
        plays: 10,
        completions: 4,
        quickSkips: skipsPerTenPlays + (i % 3) - 1,
        sessions: 1,
      }),
      before: outcomes({ watchMs: habit, plays: 10, sessions: 1 }),
      returned: true,
    };
  });
}

describe('analyse', () => {
  it('finds a real lift, narrows it with CUPED, and flags a guardrail harmed', () => {
    const users = [...population(400, 0, 2, 'control', 1), ...population(400, 5000, 4, 'treatment', 2)];
    const r = analyse(experiment, users, {
      alpha: 0.05,
      endAt: DAY,
      preperiodMs: 7 * DAY,
      mdeRelative: 0.05,
    });
    expect(r.sampleRatio?.mismatch).toBe(false);
    const watch = r.metrics.find((m) => m.name === 'watch_time')!;
    const c = watch.comparisons[0]!;
    expect(c.diff).toBeCloseTo(5, 0);
    expect(c.cuped!.varianceReduction).toBeGreaterThan(0.8);
    const width = (x: { ci: readonly [number, number] }) => x.ci[1] - x.ci[0];
    expect(width(c.cuped!)).toBeLessThan(width(c) / 2);
    expect(c.cuped!.significant).toBe(true);
    const skips = r.metrics.find((m) => m.name === 'quick_skip_rate')!;
    expect(skips.arms[0]!.value).toBeCloseTo(0.2, 2);
    expect(skips.arms[1]!.value).toBeCloseTo(0.4, 2);
    expect(skips.comparisons[0]!.harm).toBe(true);
    expect(r.harmedGuardrails).toEqual(['quick_skip_rate']);
    expect(r.recommendedUsersPerArm).toMatchObject({ cuped: true });
  });

  it('flags a sample ratio mismatch and copes with an arm with no users', () => {
    const lopsided = [...population(600, 0, 2, 'control', 1), ...population(400, 0, 2, 'treatment', 2)];
    expect(
      analyse(experiment, lopsided, { alpha: 0.05, endAt: DAY, preperiodMs: DAY, mdeRelative: 0.05 })
        .sampleRatio?.mismatch,
    ).toBe(true);
    const empty = analyse(experiment, population(10, 0, 2, 'control', 1), {
      alpha: 0.05,
      endAt: DAY,
      preperiodMs: DAY,
      mdeRelative: 0.05,
    });
    for (const m of empty.metrics) expect(m.comparisons[0]!.significant).toBe(false);
  });
});
