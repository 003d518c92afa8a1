// Candidates for the re-rank tests: only what the rules read is set.
import type { Candidate, FeedQuery, Item, UserProfile } from '../core/index.js';
import type { ItemCounters } from '../store/index.js';
import type { CounterView } from './counters.js';

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

/** Counters by id laid out by the ordinals `cand` gives, as ItemStatsStore's columns hold them. */
export function counterColumns(byId: ReadonlyMap<string, ItemCounters>): CounterView {
  return {
    columns() {
      for (const id of byId.keys()) ordinalOf(id);
      const length = ordinals.size;
      const column = (name: keyof ItemCounters) => {
        const values = new Float64Array(length);
        for (const [id, c] of byId) values[ordinalOf(id)] = c[name];
        return values;
      };
      return {
        length,
        impressions: column('impressions'),
        plays: column('plays'),
        completions: column('completions'),
        likes: column('likes'),
      };
    },
  };
}
