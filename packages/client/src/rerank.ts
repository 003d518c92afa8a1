// On-device re-ranking: the engine sends a few more candidates than the app will show, and the app
// reorders the ones not yet shown after every swipe, from what this session has just said: quick
// skips, dwell and likes per topic and creator. The engine cannot see a swipe until its event
// arrives and a new page is asked for; the device knows at once. The model is a handful of weights
// the engine serves (`GET /v1/client-model`), so it can be tuned without shipping an app. This one
// file runs in the browser, in Node for the tests and in the simulator, which measures it.

export interface ClientModelWeights {
  /** The engine's own order: 1 for its first candidate down to 0 for its last. */
  serverRank: number;
  /** Decayed dwell of this session on the candidate's topics (watch ratio above or below 0.5). */
  topicDwell: number;
  /** Decayed quick skips of the candidate's topics (a negative weight pushes them down). */
  topicSkip: number;
  topicLike: number;
  creatorDwell: number;
  creatorSkip: number;
  /** The candidate shares a topic with the video just shown (spread, when negative). */
  sameTopicAsLast: number;
}

export interface ClientModel {
  version: string;
  /** Every view multiplies the session's signals by this (1 never forgets). */
  decay: number;
  weights: ClientModelWeights;
}

/** What the re-ranker needs of a candidate. */
export interface RerankCandidate {
  itemId: string;
  creatorId: string;
  topics: readonly string[];
}

/** What the re-ranker learns from one view. */
export interface SessionView {
  itemId: string;
  creatorId: string;
  topics: readonly string[];
  /** watchMs / durationMs; loops make it pass 1. */
  watchRatio: number;
  quickSkip: boolean;
  liked?: boolean;
}

interface Signal {
  dwell: number;
  skip: number;
  like: number;
}

/** The topics the re-ranker keys on: the item's own, else its first hashtags. */
export function itemTopics(item: { topics?: readonly string[]; hashtags?: readonly string[] }): string[] {
  if (item.topics && item.topics.length > 0) return [...item.topics];
  return (item.hashtags ?? []).slice(0, 2);
}

/** The signals of one session, decayed per view. */
export class SessionSignals {
  private readonly topics = new Map<string, Signal>();
  private readonly creators = new Map<string, Signal>();
  private lastTopics: readonly string[] = [];
  views = 0;

  constructor(private readonly decay: number) {}

  observe(view: SessionView): void {
    for (const s of this.topics.values()) scale(s, this.decay);
    for (const s of this.creators.values()) scale(s, this.decay);
    // Watch ratio capped so one long loop session does not outweigh everything else.
    const dwell = view.quickSkip ? 0 : Math.min(view.watchRatio, 1.5) - 0.5;
    const skip = view.quickSkip ? 1 : 0;
    const like = view.liked ? 1 : 0;
    const share = view.topics.length > 0 ? 1 / view.topics.length : 0;
    for (const t of view.topics) add(signal(this.topics, t), dwell * share, skip * share, like * share);
    add(signal(this.creators, view.creatorId), dwell, skip, like);
    this.lastTopics = view.topics;
    this.views += 1;
  }

  /** A like given during the current view, before it ended. */
  like(creatorId: string, topics: readonly string[]): void {
    const share = topics.length > 0 ? 1 / topics.length : 0;
    for (const t of topics) add(signal(this.topics, t), 0, 0, share);
    add(signal(this.creators, creatorId), 0, 0, 1);
  }

  /** The session features of a candidate, by weight name. */
  features(c: RerankCandidate): Omit<ClientModelWeights, 'serverRank'> {
    let topicDwell = 0;
    let topicSkip = 0;
    let topicLike = 0;
    for (const t of c.topics) {
      const s = this.topics.get(t);
      if (!s) continue;
      topicDwell += s.dwell;
      topicSkip += s.skip;
      topicLike += s.like;
    }
    const cs = this.creators.get(c.creatorId);
    return {
      topicDwell,
      topicSkip,
      topicLike,
      creatorDwell: cs?.dwell ?? 0,
      creatorSkip: cs?.skip ?? 0,
      sameTopicAsLast: c.topics.some((t) => this.lastTopics.includes(t)) ? 1 : 0,
    };
  }
}

function signal(map: Map<string, Signal>, key: string): Signal {
  let s = map.get(key);
  if (!s) {
    s = { dwell: 0, skip: 0, like: 0 };
    map.set(key, s);
  }
  return s;
}

function scale(s: Signal, f: number): void {
  s.dwell *= f;
  s.skip *= f;
  s.like *= f;
}

function add(s: Signal, dwell: number, skip: number, like: number): void {
  s.dwell += dwell;
  s.skip += skip;
  s.like += like;
}

/** The model's score of each candidate, in the order given (the engine's). */
export function clientScores(
  model: ClientModel,
  signals: SessionSignals,
  candidates: readonly RerankCandidate[],
): number[] {
  const w = model.weights;
  const last = Math.max(1, candidates.length - 1);
  return candidates.map((c, rank) => {
    const f = signals.features(c);
    return (
      w.serverRank * (1 - rank / last) +
      w.topicDwell * f.topicDwell +
      w.topicSkip * f.topicSkip +
      w.topicLike * f.topicLike +
      w.creatorDwell * f.creatorDwell +
      w.creatorSkip * f.creatorSkip +
      w.sameTopicAsLast * f.sameTopicAsLast
    );
  });
}

/**
 * The candidates in the model's order, best first; ties keep the engine's order, so an empty
 * session changes nothing.
 */
export function rerank<T extends RerankCandidate>(
  model: ClientModel,
  signals: SessionSignals,
  candidates: readonly T[],
): T[] {
  const scores = clientScores(model, signals, candidates);
  return candidates
    .map((c, i) => ({ c, i, s: scores[i]! }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.c);
}
