// Cold start: an interest bandit over topics for users the feed barely knows. Each topic is an arm;
// what the feed served the user this session (the served-recently list) are its pulls, and the
// positive engagements the profile holds from this session its wins. Per request every topic draws
// a rate from Beta(wins + alpha, pulls - wins + beta) (Thompson sampling, seeded by the request id)
// and each candidate gains `weight` times its main topic's draw. A topic never tried draws anywhere
// in [0, 1], so a new user is shown a spread; one that keeps winning draws high and one that keeps
// failing low, so within a session the feed settles on what the user watches. Once the profile
// holds `maxEngagements` positive engagements the learned ranker knows enough and the bandit
// steps aside.
import {
  Rng,
  contribute,
  hashString,
  type Candidate,
  type FeedQuery,
  type QueryHydrator,
  type Scorer,
} from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import type { CatalogLookup, ServedView } from './fatigue.js';

export interface InterestBanditOptions {
  /** Score added for a draw of 1 (scores run from about 0 to 10). */
  weight: number;
  /** The Beta prior's pseudo-wins (alpha) and pseudo-losses (beta) per topic. */
  alpha: number;
  beta: number;
  /** Engagements of this session in the profile count as wins (as fatigue's `sessionMs`). */
  sessionMs: number;
  /** Users with at least this many positive engagements in their profile are past cold start. */
  maxEngagements: number;
}

interface Arm {
  pulls: number;
  wins: number;
}

export class InterestBanditScorer implements Scorer, QueryHydrator {
  readonly name = 'interest_bandit';
  private readonly arms = new WeakMap<FeedQuery, Map<string, Arm>>();

  constructor(
    private readonly served: ServedView,
    private readonly catalog: CatalogLookup,
    private readonly labeller: Pick<ItemLabeller, 'of'>,
    private readonly options: InterestBanditOptions,
  ) {}

  private topicOf(itemId: string): string | undefined {
    const entry = this.catalog.get(itemId);
    return entry ? this.labeller.of(entry).topics[0] : undefined;
  }

  /** As a query hydrator: counts the session's pulls and wins per topic, for cold users only. */
  hydrate(query: FeedQuery): void {
    const recent = query.profile?.recent ?? [];
    if (recent.length >= this.options.maxEngagements) return;
    const { userId, now } = query.request;
    const arms = new Map<string, Arm>();
    const arm = (topic: string): Arm => {
      let a = arms.get(topic);
      if (!a) arms.set(topic, (a = { pulls: 0, wins: 0 }));
      return a;
    };
    const served = this.served.recent(userId, now);
    for (const id of served) {
      const topic = this.topicOf(id);
      if (topic !== undefined) arm(topic).pulls += 1;
    }
    for (const e of recent) {
      if (e.ts < now - this.options.sessionMs) continue;
      const topic = this.topicOf(e.itemId);
      if (topic === undefined) continue;
      const a = arm(topic);
      a.wins += 1;
      // engaged with but found outside this session's feed: a pull too
      if (!served.has(e.itemId)) a.pulls += 1;
    }
    this.arms.set(query, arms);
  }

  score(query: FeedQuery, candidates: Candidate[]): void {
    const arms = this.arms.get(query);
    if (!arms) return;
    const { weight, alpha, beta } = this.options;
    const rng = new Rng(hashString(`bandit:${query.request.requestId}`));
    const draws = new Map<string, number>();
    for (const c of candidates) {
      const topic = this.labeller.of(c.entry).topics[0];
      if (topic === undefined) continue;
      let draw = draws.get(topic);
      if (draw === undefined) {
        const a = arms.get(topic);
        const wins = Math.min(a?.wins ?? 0, a?.pulls ?? 0);
        draw = rng.beta(wins + alpha, (a?.pulls ?? 0) - wins + beta);
        draws.set(topic, draw);
      }
      c.score += weight * draw;
      contribute(query, c, 'interest_bandit', weight * draw);
    }
  }
}
