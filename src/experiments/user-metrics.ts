// Per-user outcomes of an experiment, computed from the event log: what each exposed user did from
// their first exposure to the end of the experiment, and the same measures over a pre-period
// before it started (the CUPED covariate). One pass over the log; events of users not exposed are
// skipped at the cost of a map lookup.
import type { Event } from '../core/index.js';
import { eventTime, scanLog, type EventLog } from '../log/index.js';
import type { Exposure } from './store.js';

/** Whether a watch counted as a completion: given by the stream's signal reader. */
export type CompletionJudge = (event: Event) => boolean;

export interface Outcomes {
  watchMs: number;
  /** Views: watch and skip events. */
  plays: number;
  completions: number;
  likes: number;
  shares: number;
  quickSkips: number;
  sessions: number;
  /** Time of the last event counted, to split sessions (-Infinity before the first). */
  lastTs: number;
}

export interface UserOutcomes {
  userId: string;
  arm: string;
  firstAt: number;
  during: Outcomes;
  /** The pre-period, before the experiment started. */
  before: Outcomes;
  /** An event at least `returnAfterMs` after the first exposure: the retention proxy. */
  returned: boolean;
}

export interface OutcomeWindow {
  startedAt: number;
  /** The experiment's stop, or now. */
  endAt: number;
  preperiodMs: number;
  sessionGapMs: number;
  returnAfterMs: number;
}

/** Nothing done yet. */
export const emptyOutcomes = (): Outcomes => ({
  watchMs: 0,
  plays: 0,
  completions: 0,
  likes: 0,
  shares: 0,
  quickSkips: 0,
  sessions: 0,
  lastTs: -Infinity,
});

export function userOutcomes(
  log: EventLog,
  exposures: readonly Exposure[],
  window: OutcomeWindow,
  completed: CompletionJudge,
): UserOutcomes[] {
  const byUser = new Map<string, UserOutcomes>();
  for (const x of exposures)
    byUser.set(x.userId, {
      userId: x.userId,
      arm: x.arm,
      firstAt: x.firstAt,
      during: emptyOutcomes(),
      before: emptyOutcomes(),
      returned: false,
    });
  const preStart = window.startedAt - window.preperiodMs;
  // Partitions are read in turn and one user's events sit in one partition, in order: a user's
  // sessions can be split as their events go by.
  for (const batch of scanLog(log)) {
    for (const record of batch) {
      const u = byUser.get(record.event.userId);
      if (!u) continue;
      const ts = eventTime(record);
      let o: Outcomes;
      if (ts >= u.firstAt && ts <= window.endAt) {
        o = u.during;
        if (ts - u.firstAt >= window.returnAfterMs) u.returned = true;
      } else if (ts >= preStart && ts < window.startedAt) o = u.before;
      else continue;
      if (ts - o.lastTs > window.sessionGapMs) o.sessions++;
      o.lastTs = Math.max(o.lastTs, ts);
      const e = record.event;
      switch (e.type) {
        case 'watch':
          o.plays++;
          o.watchMs += e.watchMs ?? 0;
          if (completed(e)) o.completions++;
          break;
        case 'skip':
          o.plays++;
          o.quickSkips++;
          o.watchMs += e.watchMs ?? 0;
          break;
        case 'like':
          o.likes++;
          break;
        case 'share':
          o.shares++;
          break;
        default:
          break;
      }
    }
  }
  return [...byUser.values()];
}
