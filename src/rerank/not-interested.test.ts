import { describe, expect, it } from 'vitest';
import { emptyProfile, type UserProfile } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { NotInterestedScorer } from './not-interested.js';
import { cand, queryFor } from './test-candidates.js';

const DAY = 86_400_000;
const HALF_LIFE = 7 * DAY;
const NOW = 100 * DAY;
const scorer = new NotInterestedScorer(
  new ItemLabeller(),
  { creatorThreshold: -2, creatorPenalty: 100, topicThreshold: -2, topicPenalty: 1 },
  HALF_LIFE,
);

function profile(): UserProfile {
  const p = emptyProfile('u', NOW);
  p.creators = { bad: -3, meh: -1, liked: 4 };
  p.topics = { cooking: -3.5, dance: 2 };
  return p;
}

const candidates = () => [
  cand('v-bad', 'bad', 1, { topics: ['dance'] }),
  cand('v-meh', 'meh', 1, { topics: ['dance'] }),
  cand('v-cooking', 'liked', 1, { topics: ['cooking', 'food'] }),
  cand('v-both', 'bad', 1, { topics: ['cooking'] }),
];

describe('NotInterestedScorer', () => {
  it('suppresses a strongly disliked creator and pushes a disliked topic down', () => {
    const list = candidates();
    scorer.score(queryFor('u', NOW, profile()), list);
    expect(list.map((c) => c.score)).toEqual([-99, 1, 0, -100]);
    expect(list[0]!.reasons).toEqual(['not_interested:creator']);
    expect(list[1]!.reasons).toBeUndefined();
    expect(list[2]!.reasons).toEqual(['not_interested:topic']);
    expect(list[3]!.reasons).toEqual(['not_interested:creator', 'not_interested:topic']);
  });

  it('lets the suppression fade as the affinities decay', () => {
    // One half-life later the creator is at -1.5 (back), the topic at -1.75 (back).
    const list = candidates();
    scorer.score(queryFor('u', NOW + HALF_LIFE, profile()), list);
    expect(list.map((c) => c.score)).toEqual([1, 1, 1, 1]);
    // Half a half-life later: creator -2.12 (still out), topic -2.47 (still down).
    const sooner = candidates();
    scorer.score(queryFor('u', NOW + HALF_LIFE / 2, profile()), sooner);
    expect(sooner.map((c) => c.score)).toEqual([-99, 1, 0, -100]);
  });

  it('does nothing without a profile', () => {
    const list = candidates();
    scorer.score(queryFor('u', NOW, null), list);
    expect(list.map((c) => c.score)).toEqual([1, 1, 1, 1]);
  });
});
