import { describe, expect, it } from 'vitest';
import { emptyProfile, type UserProfile } from '../core/index.js';
import { FollowingSlotSelector } from './following-slot.js';
import { NOT_INTERESTED, addReason } from './reasons.js';
import { cand, ids, queryFor } from './test-candidates.js';

const NOW = 10 * 86_400_000;
const DAY = 86_400_000;
/** What this session served, by user; the catalog knows each served id's creator by its prefix. */
const servedTo = new Map<string, Set<string>>();
const served = { recent: (userId: string) => servedTo.get(userId) ?? new Set<string>() };
const catalog = { get: (id: string) => cand(id, id.split(':')[0]!).entry };
const slotSelector = (slots: number[]) =>
  new FollowingSlotSelector(served, catalog, { slots, maxAgeMs: 7 * DAY });
const selector = slotSelector([1]);
const following = (...creators: string[]): UserProfile => ({ ...emptyProfile('u', NOW), follows: creators });
/** Ten strangers' videos ranked first, then the given ones. */
const ranked = (...tail: ReturnType<typeof cand>[]) => [
  ...Array.from({ length: 10 }, (_, i) => cand(`s${i}`, `stranger${i}`, 100 - i, { createdAtMs: NOW - DAY })),
  ...tail,
];

describe('FollowingSlotSelector', () => {
  it('moves the best-ranked new video of a followed creator into its slot, with the reason', () => {
    const list = ranked(
      cand('old', 'fav', 5, { createdAtMs: NOW - 8 * DAY }), // past the window
      cand('new1', 'fav', 4, { createdAtMs: NOW - DAY }),
      cand('new2', 'fav', 3, { createdAtMs: NOW - 60_000 }),
    );
    const out = selector.select(queryFor('u', NOW, following('fav')), list, 5);
    expect(ids(out).slice(0, 5)).toEqual(['s0', 'new1', 's1', 's2', 's3']);
    expect(out[1]!.reasons).toEqual(['following']);
    expect(new Set(ids(out))).toEqual(new Set(ids(list))); // nothing lost, nothing repeated
    expect(out).toHaveLength(list.length);
  });

  it('leaves the page alone when a followed video is on it already, or none is to be had', () => {
    const onPage = ranked();
    onPage[3] = cand('mine', 'fav', 50, { createdAtMs: NOW - DAY });
    expect(ids(selector.select(queryFor('u', NOW, following('fav')), onPage, 5))).toEqual(ids(onPage));
    const list = ranked(cand('new1', 'fav', 4, { createdAtMs: NOW - DAY }));
    // no follows, another creator followed, or no profile at all
    for (const profile of [following(), following('other'), null])
      expect(ids(selector.select(queryFor('u', NOW, profile), list, 5))).toEqual(ids(list));
  });

  it('never promotes what the user said "not interested" to', () => {
    const hidden = cand('hidden', 'fav', 4, { createdAtMs: NOW - DAY });
    addReason(hidden, `${NOT_INTERESTED}:creator`);
    const next = cand('next', 'fav', 3, { createdAtMs: NOW - DAY });
    const out = selector.select(queryFor('u', NOW, following('fav')), ranked(hidden, next), 5);
    expect(out[1]!.itemId).toBe('next');
  });

  it('fills each free slot once, in order, and none past a short page', () => {
    const two = slotSelector([1, 4]);
    const list = ranked(
      cand('a', 'fav', 4, { createdAtMs: NOW - DAY }),
      cand('b', 'fav2', 3, { createdAtMs: NOW - DAY }),
      cand('c', 'fav', 2, { createdAtMs: NOW - DAY }),
    );
    const out = two.select(queryFor('u', NOW, following('fav', 'fav2')), list, 6);
    expect(ids(out).slice(0, 6)).toEqual(['s0', 'a', 's1', 's2', 'b', 's3']);
    // a page of 3 has room for the first slot only
    expect(ids(two.select(queryFor('u', NOW, following('fav', 'fav2')), list, 3)).slice(0, 3)).toEqual([
      's0',
      'a',
      's1',
    ]);
  });

  it('gives the slot only to followed creators not yet served this session', () => {
    const list = ranked(
      cand('a', 'fav', 4, { createdAtMs: NOW - DAY }),
      cand('b', 'fav2', 3, { createdAtMs: NOW - DAY }),
    );
    servedTo.set('u2', new Set(['fav:v9'])); // one of fav's videos, earlier in the session
    const out = selector.select(queryFor('u2', NOW, following('fav', 'fav2')), list, 5);
    expect(out[1]!.itemId).toBe('b');
    servedTo.set('u2', new Set(['fav:v9', 'fav2:v8']));
    expect(ids(selector.select(queryFor('u2', NOW, following('fav', 'fav2')), list, 5))).toEqual(ids(list));
    servedTo.delete('u2');
  });
});
