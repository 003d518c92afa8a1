import { describe, expect, it } from 'vitest';
import { emptyProfile, parseConfig, type Event, type Item, type UserProfile } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { CatalogStore } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { ProfileUpdater } from './profile.js';
import { SignalReader } from './signals.js';

const t = useTempDb();
const config = parseConfig({});
const T0 = Date.parse('2026-01-01T00:00:00Z');
const HALF = config.profile.halfLifeMs;

const item = (id: string, creatorId: string, topics: string[]): Item => ({
  id,
  creatorId,
  topics,
  durationMs: 10_000,
  createdAt: new Date(T0 - HALF).toISOString(),
});
let n = 0;
const ev = (type: Event['type'], itemId: string, at: number): Event => ({
  id: `e${++n}`,
  type,
  userId: 'u',
  itemId,
  timestamp: new Date(at).toISOString(),
});

function updater(profile = config.profile): ProfileUpdater {
  const catalog = new CatalogStore(t.db);
  const items = Array.from({ length: 40 }, (_, i) => item(`v${i}`, `c${i}`, [`t${i}`]));
  catalog.upsertItems([...items, item('cat', 'alice', ['cats'])], T0);
  const signals = new SignalReader(catalog, config.eventWeights, profile);
  return new ProfileUpdater(catalog, signals, new ItemLabeller(), profile);
}

/** Affinities compared to a relative 1e-9, the rest exactly. */
function expectSameProfile(a: UserProfile, b: UserProfile): void {
  expect(a.updatedAt).toBe(b.updatedAt);
  expect(a.recent).toEqual(b.recent);
  for (const key of ['topics', 'creators'] as const) {
    expect(Object.keys(a[key]).sort()).toEqual(Object.keys(b[key]).sort());
    for (const k in b[key]) expect(a[key][k]! / b[key][k]!).toBeCloseTo(1, 9);
  }
}

describe('profile updater, a batch at a time', () => {
  it('gives what event-by-event application gives, late events and long idle gaps included', () => {
    const u = updater();
    const events = [
      ev('like', 'cat', T0),
      ev('like', 'v1', T0 + HALF), // one half-life on: the cat like is worth half
      ev('share', 'v2', T0 + HALF / 2), // late: counts as decayed to the profile's time
      ev('skip', 'v3', T0 + HALF + 1),
      ev('like', 'cat', T0 + 200 * HALF), // idle for 200 half-lives: the batch rebases, no overflow
      ev('like', 'v4', T0 + 200 * HALF + 10),
    ];
    const batch = emptyProfile('u', T0);
    u.applyAll(batch, events);
    const single = emptyProfile('u', T0);
    for (const e of events) u.apply(single, e);
    expectSameProfile(batch, single);
    expect(Number.isFinite(batch.topics.cats)).toBe(true);
    // The first cat like is gone by 2^-200; the second is worth its weight decayed over 10 ms.
    expect(batch.topics.cats! / (config.eventWeights.like * 2 ** (-10 / HALF))).toBeCloseTo(1, 12);
    // Known answer one half-life in: like (cat) halved, like (v1), share (v2) from half a half-life back.
    const early = emptyProfile('u', T0);
    u.applyAll(early, events.slice(0, 3));
    expect(early.updatedAt).toBe(T0 + HALF);
    expect(early.topics.cats).toBeCloseTo(config.eventWeights.like / 2, 9);
    expect(early.topics.t2).toBeCloseTo(config.eventWeights.share * Math.SQRT1_2, 9);
  });

  it('keeps at most maxAffinities topics and creators, the strongest', () => {
    const u = updater({ ...config.profile, maxAffinities: 5 });
    const p = emptyProfile('u', T0);
    // v_i liked i+1 times, the most liked first: each newcomer is the weakest and goes at once.
    const events: Event[] = [];
    for (let i = 39; i >= 0; i--) for (let k = 0; k <= i; k++) events.push(ev('like', `v${i}`, T0));
    u.applyAll(p, events);
    expect(Object.keys(p.topics).sort()).toEqual(['t35', 't36', 't37', 't38', 't39']);
    expect(Object.keys(p.creators).sort()).toEqual(['c35', 'c36', 'c37', 'c38', 'c39']);
    expect(p.topics.t39).toBeCloseTo(40 * config.eventWeights.like, 9);
  });
});
