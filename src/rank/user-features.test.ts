import { describe, expect, it } from 'vitest';
import { emptyProfile, type Candidate, type FeedQuery } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { UserItemFeatureHydrator } from './user-features.js';

const cand = (id: string, creatorId: string, topics: string[]): Candidate => ({
  itemId: id,
  entry: {
    item: {
      id,
      creatorId,
      caption: '',
      hashtags: [],
      topics,
      durationMs: 1,
      createdAt: '2026-01-01T00:00:00Z',
    },
    createdAtMs: 0,
    seq: 0,
    ordinal: 0,
  },
  source: 'trending',
  sourceRank: 0,
  sources: ['trending'],
  sourceScores: [0],
  sourceRanks: [0],
  features: {},
  score: 0,
});

describe('user x item features', () => {
  it('scales topic and creator affinities by the strongest, marks followed creators, and counts activity', () => {
    const profile = emptyProfile('u', 0);
    profile.topics = { cooking: 4, pets: 2, politics: -8 };
    profile.creators = { chef: 10, troll: -5 };
    profile.follows = ['chef'];
    profile.recent = [{ itemId: 'x', ts: 0, weight: 1, completed: true }];
    const query = { profile, exclude: new Set<string>() } as unknown as FeedQuery;
    const candidates = [
      cand('a', 'chef', ['cooking', 'pets']),
      cand('b', 'troll', ['politics']),
      cand('c', 'nobody', ['space']),
    ];
    new UserItemFeatureHydrator(new ItemLabeller()).hydrate(query, candidates);
    const [a, b, c] = candidates.map((x) => x.features);
    expect(a).toEqual({
      user_activity: 1,
      user_topic_affinity: (4 + 2) / 8,
      user_creator_affinity: 1,
      user_follows_creator: 1,
    });
    expect(b).toEqual({ user_activity: 1, user_topic_affinity: -1, user_creator_affinity: -0.5 });
    expect(c).toEqual({ user_activity: 1 }); // nothing known of its topic or creator
  });

  it('sets nothing for a user without a profile', () => {
    const candidates = [cand('a', 'chef', ['cooking'])];
    const query = { profile: null, exclude: new Set<string>() } as unknown as FeedQuery;
    new UserItemFeatureHydrator(new ItemLabeller()).hydrate(query, candidates);
    expect(candidates[0]!.features).toEqual({});
  });
});
