import { describe, expect, it } from 'vitest';
import { parseConfig, type Event, type Item } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { SqliteEventLog } from '../log/index.js';
import {
  CatalogStore,
  CoVisitStore,
  ItemStatsStore,
  ItemWindowsStore,
  ProfileStore,
} from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { CoVisitProcessor } from './co-visit.js';
import { EngagementProcessor } from './engagement.js';
import { ProfileProcessor, ProfileUpdater } from './profile.js';
import { StreamRunner } from './runner.js';
import { SignalReader } from './signals.js';

const t = useTempDb();
const config = parseConfig({});
const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

const item = (id: string, creatorId: string, topics: string[]): Item => ({
  id,
  creatorId,
  topics,
  durationMs: 10_000,
  createdAt: new Date(T0 - DAY).toISOString(),
});

let n = 0;
const ev = (
  type: Event['type'],
  itemId: string | undefined,
  at: number,
  extra: Partial<Event> = {},
): Event => ({
  id: `e${++n}`,
  type,
  userId: 'u',
  ...(itemId ? { itemId } : {}),
  timestamp: new Date(at).toISOString(),
  ...extra,
});
const watch = (itemId: string, at: number, watchMs: number) =>
  ev('watch', itemId, at, { watchMs, durationMs: 10_000 });

function setup() {
  const catalog = new CatalogStore(t.db);
  catalog.upsertItems(
    [
      item('cat1', 'alice', ['cats']),
      item('cat2', 'alice', ['cats']),
      item('dog1', 'bob', ['dogs']),
      item('car1', 'carl', ['cars']),
    ],
    T0,
  );
  const signals = new SignalReader(catalog, config.eventWeights, config.profile);
  const profiles = new ProfileStore(t.db);
  const coVisits = new CoVisitStore(t.db, config.profile.halfLifeMs, 2);
  const stats = new ItemStatsStore(t.db, DAY, catalog);
  const log = new SqliteEventLog(t.db);
  const runner = new StreamRunner(t.db, log, [
    new EngagementProcessor(stats, signals),
    new ProfileProcessor(profiles, new ProfileUpdater(catalog, signals, new ItemLabeller(), config.profile)),
    new CoVisitProcessor(t.db, coVisits, signals, config.profile),
  ]);
  const run = (events: Event[]) => {
    log.append(events, T0);
    runner.drain();
  };
  return { catalog, profiles, coVisits, stats, run };
}

describe('profile processor', () => {
  it('keeps positive engagements, follows, and affinities that skips and not-interested push down', () => {
    const { profiles, run } = setup();
    run([
      watch('cat1', T0, 10_000), // completed: positive
      ev('like', 'cat1', T0 + 1),
      watch('dog1', T0 + 2, 3_000), // 0.3: not positive, but a small plus for dogs
      ev('skip', 'car1', T0 + 3, { watchMs: 500, durationMs: 10_000 }),
      ev('not_interested', 'car1', T0 + 4),
      ev('follow', undefined, T0 + 5, { creatorId: 'bob' }),
    ]);
    const p = profiles.get('u')!;
    expect(p.recent.map((e) => e.itemId)).toEqual(['cat1']);
    expect(p.recent[0]).toMatchObject({ completed: true, weight: 1 + config.eventWeights.like });
    expect(p.follows).toEqual(['bob']);
    expect(p.topics.cats).toBeCloseTo(3);
    expect(p.topics.dogs).toBeCloseTo(0.3);
    expect(p.topics.cars).toBeCloseTo(config.eventWeights.skip + config.eventWeights.not_interested);
    expect(p.creators.alice).toBeGreaterThan(p.creators.bob!);
  });

  it('halves affinities every half-life, and an unfollow and an unlike take back what they gave', () => {
    const { profiles, run } = setup();
    run([ev('like', 'cat1', T0), ev('follow', 'cat1', T0 + 1)]);
    run([ev('unlike', 'cat1', T0 + 7 * DAY), ev('unfollow', 'cat1', T0 + 7 * DAY)]);
    const p = profiles.get('u')!;
    expect(p.follows).toEqual([]);
    // like (2) + follow (2) halved, minus an unlike (2), minus an unfollow (1)
    expect(p.topics.cats).toBeCloseTo(4 / 2 - 2 - 1, 5);
    expect(p.recent).toEqual([{ itemId: 'cat1', ts: T0 + 1, weight: 1, completed: false }]);
  });

  it('survives a restart: a new store reads what was committed', () => {
    const { run } = setup();
    run([ev('share', 'dog1', T0)]);
    expect(new ProfileStore(t.db).get('u')?.recent.map((e) => e.itemId)).toEqual(['dog1']);
  });
});

describe('co-visitation processor', () => {
  it('links positive engagements of one session, nearer ones more, and keeps the strongest neighbours', () => {
    const { coVisits, run } = setup();
    run([
      watch('cat1', T0, 10_000),
      ev('like', 'cat2', T0 + 1000),
      ev('share', 'dog1', T0 + 2000),
      ev('skip', 'car1', T0 + 3000, { watchMs: 100, durationMs: 10_000 }), // not positive: no link
    ]);
    const dog = coVisits.get('dog1')!;
    expect(dog.get('cat2')).toBeCloseTo(1);
    expect(dog.get('cat1')).toBeCloseTo(0.5);
    expect(coVisits.get('car1')).toBeUndefined();
    // A session gap breaks the chain.
    run([ev('like', 'car1', T0 + 2000 + config.profile.sessionGapMs + 1)]);
    expect(coVisits.get('car1')).toBeUndefined();
    // Reloaded from SQLite, the same weights.
    const reloaded = new CoVisitStore(t.db, config.profile.halfLifeMs, 2);
    expect(reloaded.get('dog1')!.get('cat1')).toBeCloseTo(0.5);
  });
});

describe('item counters', () => {
  it('count impressions, plays, completions, watch ratio, likes, shares and quick skips', () => {
    const { stats, run } = setup();
    run([
      ev('impression', 'cat1', T0),
      watch('cat1', T0 + 1, 25_000), // looped: ratio 2.5, counted as 1
      ev('impression', 'cat1', T0 + 2),
      ev('skip', 'cat1', T0 + 3, { watchMs: 1_000, durationMs: 10_000 }),
      ev('like', 'cat1', T0 + 4),
      ev('share', 'cat1', T0 + 5),
    ]);
    expect(stats.get('cat1')).toMatchObject({
      impressions: 2,
      plays: 2,
      completions: 1,
      likes: 1,
      shares: 1,
      skips: 1,
    });
    expect(stats.get('cat1')!.watchSum).toBeCloseTo(1.1);
  });
});

describe('windowed item counters', () => {
  const H = 3_600_000;

  it('are fed by the engagement processor in the same pass, and expire as the clock moves', () => {
    const catalog = new CatalogStore(t.db);
    catalog.upsertItems([item('cat1', 'alice', ['cats'])], T0);
    const stats = new ItemStatsStore(t.db, DAY, catalog);
    const windows = new ItemWindowsStore(t.db);
    const log = new SqliteEventLog(t.db);
    let now = T0 + 10 * 60_000;
    const signals = new SignalReader(catalog, config.eventWeights, config.profile);
    const runner = new StreamRunner(t.db, log, [new EngagementProcessor(stats, signals, windows)], {
      now: () => now,
    });
    log.append(
      [
        ev('impression', 'cat1', T0 + 60_000),
        watch('cat1', T0 + 60_000, 10_000),
        ev('share', 'cat1', T0 - 2 * H),
        ev('like', 'cat1', T0 - 8 * DAY), // older than the week: expired at once
      ],
      T0,
    );
    runner.drain();
    const hour = { impressions: 1, plays: 1, completions: 1, watchSum: 1, likes: 0, shares: 0, skips: 0 };
    expect(windows.windows('cat1', now)).toEqual({
      h1: hour,
      h24: { ...hour, shares: 1 },
      d7: { ...hour, shares: 1 },
    });
    expect(stats.get('cat1')).toMatchObject({ impressions: 1, plays: 1, shares: 1, likes: 1 });
    // The runner's expiry rolled the share's 5-minute bucket into its hour and dropped the like's.
    const rows = () => t.db.prepare('SELECT span, start FROM item_buckets ORDER BY span, start').all();
    expect(rows()).toEqual([
      { span: 300_000, start: T0 },
      { span: H, start: T0 - 2 * H },
    ]);
    // A week and a day later the runner's next step expires everything.
    now += 8 * DAY;
    runner.step();
    expect(rows()).toEqual([]);
    expect(windows.windows('cat1', now).d7.plays).toBe(0);
  });
});
