import { describe, expect, it } from 'vitest';
import { Event, Item, User, compileValidator } from '../core/index.js';
import {
  engagementForRating,
  genreTag,
  movieLensToRecords,
  syntheticDurationMs,
} from './movielens-import.js';
import { ml100kDir, fixtureDir } from './testing.js';

const flags = (...on: number[]) =>
  Array.from({ length: 19 }, (_, i) => (on.includes(i) ? '1' : '0')).join('|');

describe('movieLensToRecords', () => {
  it('turns ratings into watch, like and skip events and movies into items', () => {
    const dir = fixtureDir({
      'u.data': '1\t10\t5\t200\n1\t11\t3\t100\n2\t10\t1\t300\n',
      'u.item': Buffer.from(
        `10|Café Noir (1995)|01-Jan-1995||http://x|${flags(10, 15)}\n11|Other (1994)|||http://y|${flags(0)}\n`,
        'latin1',
      ),
      'u.user': '1|24|M|technician|85711\n2|53|F|other|94043\n',
    });
    const { items, users, events } = movieLensToRecords(dir, { idPrefix: 'ml:' });
    expect(items.map((i) => [i.id, i.caption, i.hashtags, i.createdAt])).toEqual([
      ['ml:10', 'Café Noir (1995)', ['filmnoir', 'scifi'], '1995-01-01T00:00:00.000Z'],
      ['ml:11', 'Other (1994)', ['unknown'], '1994-01-01T00:00:00.000Z'],
    ]);
    expect(users).toEqual([
      {
        id: 'ml:1',
        createdAt: '1970-01-01T00:01:40.000Z',
        props: { age: 24, gender: 'M', occupation: 'technician', zip: '85711' },
      },
      {
        id: 'ml:2',
        createdAt: '1970-01-01T00:05:00.000Z',
        props: { age: 53, gender: 'F', occupation: 'other', zip: '94043' },
      },
    ]);
    expect(events.map((e) => [e.type, e.userId, e.itemId, e.timestamp.slice(14, 19)])).toEqual([
      ['watch', 'ml:1', 'ml:11', '01:40'],
      ['watch', 'ml:1', 'ml:10', '03:20'],
      ['like', 'ml:1', 'ml:10', '03:20'],
      ['skip', 'ml:2', 'ml:10', '05:00'],
    ]);
    const duration = syntheticDurationMs('10');
    expect(events[1]).toMatchObject({ watchMs: duration, durationMs: duration, props: { rating: 5 } });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('maps ratings and genres as documented', () => {
    expect(engagementForRating(4)).toEqual({ kind: 'watch', ratio: 0.9, like: true });
    expect(engagementForRating(3)).toEqual({ kind: 'watch', ratio: 0.6, like: false });
    expect(engagementForRating(2).kind).toBe('skip');
    expect(genreTag("Children's")).toBe('childrens');
    expect(syntheticDurationMs('1')).toBe(syntheticDurationMs('1'));
    expect(syntheticDurationMs('1')).toBeGreaterThanOrEqual(15_000);
  });

  it('produces valid foryou records from the real MovieLens 100K', () => {
    const { items, users, events } = movieLensToRecords(ml100kDir());
    expect(items).toHaveLength(1682);
    expect(users).toHaveLength(943);
    const likes = events.filter((e) => e.type === 'like').length;
    expect(events.length - likes).toBe(100_000);
    expect(likes).toBe(55_375);
    const item = compileValidator(Item);
    const user = compileValidator(User);
    const event = compileValidator(Event);
    expect(items.filter((i) => !item.check(i))).toEqual([]);
    expect(users.filter((u) => !user.check(u))).toEqual([]);
    expect(events.filter((e, i) => i % 97 === 0 && !event.check(e))).toEqual([]);
    expect(events.every((e, i) => i === 0 || e.timestamp >= events[i - 1]!.timestamp)).toBe(true);
  });
});
