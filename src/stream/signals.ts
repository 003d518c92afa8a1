// What one event says about a user's taste, shared by every processor so they agree: its
// engagement weight (configuration), whether it is a positive engagement, and whether the video
// was watched to the end.
import type { Config, Event } from '../core/index.js';
import type { CatalogStore } from '../store/index.js';

/** Watch time counts by how much of the video was watched, loops included, capped at 3 plays. */
export function watchRatio(event: Event, catalogDurationMs: number | undefined): number {
  const duration = event.durationMs ?? catalogDurationMs;
  if (!duration || event.watchMs === undefined) return 0;
  return Math.min(event.watchMs / duration, 3);
}

export function engagementWeight(
  event: Event,
  weights: Config['eventWeights'],
  catalogDurationMs: number | undefined,
): number {
  const w = weights[event.type];
  return event.type === 'watch' ? w * watchRatio(event, catalogDurationMs) : w;
}

export interface Signal {
  /** Engagement weight of the event (negative for skips, not-interested, reports). */
  weight: number;
  /** Watch ratio for watches and skips, else 0. */
  ratio: number;
  /** A like, share, comment, follow, or a watch past `positiveRatio`. */
  positive: boolean;
  /** A watch past `completedRatio`. */
  completed: boolean;
}

const ALWAYS_POSITIVE = new Set<Event['type']>(['like', 'share', 'comment', 'follow']);

export class SignalReader {
  /**
   * Signals by event object: every processor reads the same records of a step, so each event is
   * judged once. Records are read afresh each step, so an entry lives no longer than its batch.
   */
  private readonly memo = new WeakMap<Event, Signal>();

  constructor(
    private readonly catalog: CatalogStore,
    private readonly weights: Config['eventWeights'],
    private readonly profile: Config['profile'],
  ) {}

  read(event: Event): Signal {
    let signal = this.memo.get(event);
    if (!signal) this.memo.set(event, (signal = this.compute(event)));
    return signal;
  }

  private compute(event: Event): Signal {
    const duration = event.itemId ? this.catalog.get(event.itemId)?.item.durationMs : undefined;
    const ratio = event.type === 'watch' || event.type === 'skip' ? watchRatio(event, duration) : 0;
    const weight = engagementWeight(event, this.weights, duration);
    const isWatch = event.type === 'watch';
    return {
      weight,
      ratio,
      positive: ALWAYS_POSITIVE.has(event.type) || (isWatch && ratio >= this.profile.positiveRatio),
      completed: isWatch && ratio >= this.profile.completedRatio,
    };
  }
}
