// "Not interested" suppression. The profile processor pushes a creator's and a video's topics'
// affinities down on "not interested" (and a little on each quick skip), and lets every affinity
// decay with the profile's half-life. A candidate whose creator's affinity, decayed to the request
// time, is at or below `creatorThreshold` loses `creatorPenalty` (by default enough to leave the page
// unless nothing else is left); one with a topic at or below `topicThreshold` loses `topicPenalty`.
// As the affinity decays back above the threshold, the creator or topic returns: suppression fades
// with time without any timer or state of its own.
import { contribute, type Candidate, type FeedQuery, type Scorer } from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import { NOT_INTERESTED, addReason } from './reasons.js';

export interface NotInterestedOptions {
  /** Creator affinity at or below which the creator is suppressed (one "not interested" is -3). */
  creatorThreshold: number;
  creatorPenalty: number;
  /** Topic affinity at or below which the topic is pushed down. */
  topicThreshold: number;
  topicPenalty: number;
}

export class NotInterestedScorer implements Scorer {
  readonly name = 'not_interested';
  private readonly lambda: number;

  constructor(
    private readonly labeller: Pick<ItemLabeller, 'of'>,
    private readonly options: NotInterestedOptions,
    /** The profile's affinity half-life (configuration `profile.halfLifeMs`). */
    halfLifeMs: number,
  ) {
    this.lambda = Math.LN2 / halfLifeMs;
  }

  score(query: FeedQuery, candidates: Candidate[]): void {
    const profile = query.profile;
    if (!profile) return;
    // Affinities are stored as of the user's last event; decay them to now.
    const decay = Math.exp(-this.lambda * Math.max(0, query.request.now - profile.updatedAt));
    const creators = below(profile.creators, this.options.creatorThreshold, decay);
    const topics = below(profile.topics, this.options.topicThreshold, decay);
    if (!creators && !topics) return; // the common case: one pass over two small maps
    for (const c of candidates) {
      if (creators?.has(c.entry.item.creatorId)) {
        c.score -= this.options.creatorPenalty;
        contribute(query, c, 'not_interested:creator', -this.options.creatorPenalty);
        addReason(c, `${NOT_INTERESTED}:creator`);
      }
      if (!topics) continue;
      for (const t of this.labeller.of(c.entry).topics) {
        if (!topics.has(t)) continue;
        c.score -= this.options.topicPenalty;
        contribute(query, c, 'not_interested:topic', -this.options.topicPenalty);
        addReason(c, `${NOT_INTERESTED}:topic`);
        break;
      }
    }
  }
}

/** Keys whose affinity, times `decay`, is at or below `threshold`; null when none (no allocation). */
function below(affinities: Record<string, number>, threshold: number, decay: number): Set<string> | null {
  let out: Set<string> | null = null;
  for (const key in affinities) if (affinities[key]! * decay <= threshold) (out ??= new Set()).add(key);
  return out;
}
