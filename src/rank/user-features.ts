// User x item features from the user's nearline profile (stream/profile.ts): how much the user
// likes the candidate's topics and creator, whether they follow the creator, and how active they
// are. They are what lets the learned ranker personalise: item features alone rank every user alike.
import type { Candidate, FeatureHydrator, FeedQuery } from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';

/** Largest absolute value in a map (0 for an empty one). */
function maxAbs(map: Readonly<Record<string, number>>): number {
  let max = 0;
  for (const k in map) max = Math.max(max, Math.abs(map[k]!));
  return max;
}

export class UserItemFeatureHydrator implements FeatureHydrator {
  readonly name = 'user_item_features';

  constructor(private readonly labeller: ItemLabeller) {}

  /**
   * `user_topic_affinity`: the sum of the user's affinities to the item's topics, and
   * `user_creator_affinity`: the affinity to its creator, each divided by the user's strongest
   * affinity of its kind (so in [-1, 1] per topic; a profile's decay scale cancels out and one user's
   * numbers mean what another's do); negative after quick skips and "not interested".
   * `user_follows_creator` 1 when followed; `user_activity` the number of recent positive
   * engagements. A user with no profile gets none of them (zero: the models read absence as 0).
   */
  hydrate(query: FeedQuery, candidates: Candidate[]): void {
    const p = query.profile;
    if (!p) return;
    const topicScale = maxAbs(p.topics);
    const creatorScale = maxAbs(p.creators);
    const follows = p.follows.length > 0 ? new Set(p.follows) : null;
    const activity = p.recent.length;
    for (const c of candidates) {
      const f = c.features;
      if (activity > 0) f.user_activity = activity;
      if (topicScale > 0) {
        let sum = 0;
        for (const topic of this.labeller.of(c.entry).topics) sum += p.topics[topic] ?? 0;
        if (sum !== 0) f.user_topic_affinity = sum / topicScale;
      }
      const creatorId = c.entry.item.creatorId;
      const creator = creatorScale > 0 ? (p.creators[creatorId] ?? 0) : 0;
      if (creator !== 0) f.user_creator_affinity = creator / creatorScale;
      if (follows?.has(creatorId)) f.user_follows_creator = 1;
    }
  }
}
