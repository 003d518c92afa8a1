// Candidates for the re-rank tests: only what the rules read is set.
import type { Candidate, FeedQuery, Item, UserProfile } from '../core/index.js';

export interface CandOptions {
  soundId?: string;
  topics?: string[];
  createdAtMs?: number;
}

/** One ordinal per id, as a catalog gives them. */
const ordinals = new Map<string, number>();
const ordinalOf = (id: string): number => {
  let ordinal = ordinals.get(id);
  if (ordinal === undefined) ordinals.set(id, (ordinal = ordinals.size));
  return ordinal;
};

export function cand(id: string, creatorId: string, score = 0, options: CandOptions = {}): Candidate {
  const item: Item = {
    id,
    creatorId,
    caption: '',
    hashtags: [],
    durationMs: 15_000,
    createdAt: new Date(options.createdAtMs ?? 0).toISOString(),
    ...(options.soundId === undefined ? {} : { soundId: options.soundId }),
    ...(options.topics === undefined ? {} : { topics: options.topics }),
  };
  return {
    itemId: id,
    entry: { item, createdAtMs: options.createdAtMs ?? 0, seq: 0, ordinal: ordinalOf(id) },
    source: 's',
    sourceRank: 0,
    sources: ['s'],
    sourceScores: [0],
    sourceRanks: [0],
    features: {},
    score,
  };
}

export function queryFor(
  userId = 'u',
  now = 0,
  profile: UserProfile | null = null,
  requestId = 'r1',
  n = 10,
): FeedQuery {
  return { request: { requestId, userId, n, now }, user: null, profile, exclude: new Set() };
}

export const ids = (list: readonly Candidate[]): string[] => list.map((c) => c.itemId);
