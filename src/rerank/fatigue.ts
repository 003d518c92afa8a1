// Session fatigue: the more of one creator or topic a user has had in this session, the less the
// next one scores. The session is what the feed served the user while its served-recently hold
// lasts (`feed.servedTtlMs`, the same list the history hydrator excludes) plus what the profile
// says they engaged with in the last `sessionMs` (a video found elsewhere, a shared link). Counted
// once per request, as a query hydrator, so scoring is a few map lookups per candidate.
import {
  contribute,
  type Candidate,
  type CatalogItem,
  type FeedQuery,
  type QueryHydrator,
  type Scorer,
} from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import { addReason } from './reasons.js';

export interface FatigueOptions {
  /** Engagements in the profile this recent count towards the session. */
  sessionMs: number;
  /** Videos of one creator the session takes before fatigue; each one past them costs `creatorPenalty`. */
  creatorAfter: number;
  creatorPenalty: number;
  /** Likewise per topic (a video's most-served topic counts). */
  topicAfter: number;
  topicPenalty: number;
  /** Most a candidate loses to fatigue. */
  maxPenalty: number;
}

export interface ServedView {
  /** Item ids served to the user whose served-recently hold has not expired at `now`. */
  recent(userId: string, now: number): Set<string>;
}
export interface CatalogLookup {
  get(itemId: string): CatalogItem | undefined;
}

interface Session {
  creators: Map<string, number>;
  topics: Map<string, number>;
}

export class SessionFatigueScorer implements Scorer, QueryHydrator {
  readonly name = 'fatigue';
  private readonly sessions = new WeakMap<FeedQuery, Session>();

  constructor(
    private readonly served: ServedView,
    private readonly catalog: CatalogLookup,
    private readonly labeller: Pick<ItemLabeller, 'of'>,
    private readonly options: FatigueOptions,
  ) {}

  /** As a query hydrator: counts the session's creators and topics. */
  hydrate(query: FeedQuery): void {
    const { userId, now } = query.request;
    const session: Session = { creators: new Map(), topics: new Map() };
    const served = this.served.recent(userId, now);
    for (const id of served) this.count(session, id);
    const recent = query.profile?.recent ?? [];
    // Oldest first: walk back from the newest while inside the session.
    for (let i = recent.length - 1; i >= 0; i--) {
      const e = recent[i]!;
      if (e.ts < now - this.options.sessionMs) break;
      if (!served.has(e.itemId)) this.count(session, e.itemId);
    }
    // Only what has reached its free allowance can cost anything: keep just that, so a short
    // session (the common case) costs scoring nothing at all.
    prune(session.creators, this.options.creatorAfter);
    prune(session.topics, this.options.topicAfter);
    if (session.creators.size > 0 || session.topics.size > 0) this.sessions.set(query, session);
  }

  private count(session: Session, itemId: string): void {
    const entry = this.catalog.get(itemId);
    if (!entry) return;
    const creator = entry.item.creatorId;
    session.creators.set(creator, (session.creators.get(creator) ?? 0) + 1);
    for (const t of this.labeller.of(entry).topics) session.topics.set(t, (session.topics.get(t) ?? 0) + 1);
  }

  score(query: FeedQuery, candidates: Candidate[]): void {
    const session = this.sessions.get(query);
    if (!session) return;
    const o = this.options;
    for (const c of candidates) {
      const ofCreator = session.creators.get(c.entry.item.creatorId) ?? 0;
      let penalty = o.creatorPenalty * Math.max(0, ofCreator + 1 - o.creatorAfter);
      if (session.topics.size > 0) {
        let ofTopic = 0;
        for (const t of this.labeller.of(c.entry).topics)
          ofTopic = Math.max(ofTopic, session.topics.get(t) ?? 0);
        penalty += o.topicPenalty * Math.max(0, ofTopic + 1 - o.topicAfter);
      }
      if (penalty <= 0) continue;
      const cost = Math.min(penalty, o.maxPenalty);
      c.score -= cost;
      contribute(query, c, 'fatigue', -cost);
      addReason(c, 'fatigue');
    }
  }
}

/** Drops the keys counted fewer than `after` times: one more of them would still be free. */
function prune(counts: Map<string, number>, after: number): void {
  for (const [key, count] of counts) if (count < after) counts.delete(key);
}
