// Context features: what the device asking says about the moment, and whether each video speaks
// the user's language. The moment (hour and weekday in the user's time zone, platform, network) is
// the same for every candidate of a request, so it can only shift a linear model's scores all
// alike; it is there for the models that cross features (factorisation machine, trees, the
// network) and for calibration. `lang_mismatch` differs per candidate and ranks by itself.
import {
  primaryLanguage,
  queryLanguage,
  type Candidate,
  type FeatureHydrator,
  type FeedQuery,
} from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';

/** Formatters per time zone: building one costs tens of microseconds, using one about one. */
const clocks = new Map<string, Intl.DateTimeFormat | null>();

function clockOf(timeZone: string): Intl.DateTimeFormat | null {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    try {
      clock = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hour: 'numeric',
        hourCycle: 'h23',
        weekday: 'short',
      });
    } catch {
      clock = null; // not a time zone this runtime knows: the moment is left out
    }
    if (clocks.size < 1000) clocks.set(timeZone, clock);
  }
  return clock;
}

/** `ctx_hour=<0..23>` and `ctx_day=<Mon..Sun>` in the time zone, or UTC without one. */
export function momentFeatures(now: number, timeZone: string | undefined): string[] {
  const clock = clockOf(timeZone ?? 'UTC');
  if (!clock) return [];
  let hour = '';
  let day = '';
  for (const part of clock.formatToParts(now)) {
    if (part.type === 'hour') hour = part.value;
    else if (part.type === 'weekday') day = part.value;
  }
  return [`ctx_hour=${Number(hour)}`, `ctx_day=${day}`];
}

export class ContextFeatureHydrator implements FeatureHydrator {
  readonly name = 'context_features';

  constructor(private readonly labeller: Pick<ItemLabeller, 'of'>) {}

  hydrate(query: FeedQuery, candidates: Candidate[]): void {
    const { context, now } = query.request;
    const moment = momentFeatures(now, context?.timezone);
    if (context?.os) moment.push(`ctx_os=${context.os.toLowerCase()}`);
    if (context?.network) moment.push(`ctx_network=${context.network.toLowerCase()}`);
    const language = queryLanguage(query);
    for (const c of candidates) {
      const f = c.features;
      for (const name of moment) f[name] = 1;
      if (language === undefined) continue;
      const spoken = primaryLanguage(this.labeller.of(c.entry).language);
      if (spoken !== undefined && spoken !== language) f.lang_mismatch = 1;
    }
  }
}
