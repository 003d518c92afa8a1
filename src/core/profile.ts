// What the nearline side knows about a user, as the feed reads it: recent positive engagements
// (seeds for co-engagement, embedding and content recall), followed creators, and decayed
// affinities to topics and creators (negative after skips and "not interested").

export interface Engagement {
  itemId: string;
  /** When it happened, ms since the epoch. */
  ts: number;
  /** Summed engagement weight of the user's events on the item (configuration `eventWeights`). */
  weight: number;
  /** Watched to the end at least once. */
  completed: boolean;
}

export interface UserProfile {
  userId: string;
  /** Time the affinities are decayed to, ms since the epoch. */
  updatedAt: number;
  /** Positive engagements, oldest first, bounded. */
  recent: Engagement[];
  /** Followed creator ids, oldest first, bounded. */
  follows: string[];
  /** Decayed affinity by topic, as of `updatedAt`; bounded to the strongest. */
  topics: Record<string, number>;
  /** Decayed affinity by creator, as of `updatedAt`; bounded to the strongest. */
  creators: Record<string, number>;
}

export function emptyProfile(userId: string, now: number): UserProfile {
  return { userId, updatedAt: now, recent: [], follows: [], topics: {}, creators: {} };
}

/** A deep copy to change (structuredClone is several times slower on these small plain objects). */
export function cloneProfile(p: UserProfile): UserProfile {
  return {
    userId: p.userId,
    updatedAt: p.updatedAt,
    recent: p.recent.map((e) => ({ itemId: e.itemId, ts: e.ts, weight: e.weight, completed: e.completed })),
    follows: p.follows.slice(),
    topics: { ...p.topics },
    creators: { ...p.creators },
  };
}
