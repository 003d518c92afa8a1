// The re-rank stage inside a whole engine: the default pipeline, events through the processors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, parseConfig, type Event, type FeedResponse, type Item } from '../core/index.js';
import { Engine } from '../engine/index.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;
let dir = '';
let engine: Engine;
let clock: ManualClock;

const TOPICS = ['dance', 'food', 'pets', 'sport', 'travel'];
const item = (i: number, overrides: Partial<Item> = {}): Item => ({
  id: `v${i}`,
  creatorId: `c${i % 9}`,
  soundId: `s${i % 4}`,
  caption: `video ${i}`,
  hashtags: [],
  topics: [TOPICS[i % TOPICS.length]!],
  durationMs: 10_000,
  createdAt: new Date(T0 - 30 * 24 * HOUR + i * 60_000).toISOString(),
  ...overrides,
});

let seq = 0;
const event = (type: Event['type'], userId: string, itemId: string, extra: Partial<Event> = {}): Event => ({
  id: `e${++seq}`,
  type,
  userId,
  itemId,
  timestamp: new Date(clock.now()).toISOString(),
  ...extra,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'foryou-rerank-'));
  clock = new ManualClock(T0);
  // The interest bandit is off: its random topic bonuses would move the videos these rules are judged by.
  const feed = { rerank: { interestBandit: { enabled: false } } };
  engine = new Engine(parseConfig({ dataDir: dir, store: { synchronous: 'normal' }, feed }), {
    startProcessors: false,
    clock,
  });
  engine.ingestor.upsertItems(Array.from({ length: 90 }, (_, i) => item(i)));
  // Some history, so trending has an order to offer.
  const events: Event[] = [];
  for (let i = 0; i < 90; i += 2) events.push(event('like', `fan${i % 7}`, `v${i}`));
  engine.ingestor.ingestEvents(events);
  engine.runner.drain();
  engine.maintain();
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

let requests = 0;
const feed = (userId: string, n = 10): Promise<FeedResponse> =>
  engine.feed({ requestId: `req-${++requests}`, userId, n, now: clock.now() });

describe('re-rank in the default pipeline', () => {
  it('never puts one creator or one sound side by side, and fills the page', async () => {
    for (const n of [5, 10, 30]) {
      const { items } = await feed(`viewer-${n}`, n);
      expect(items).toHaveLength(n);
      for (let i = 1; i < items.length; i++) {
        expect(items[i]!.item.creatorId).not.toBe(items[i - 1]!.item.creatorId);
        expect(items[i]!.item.soundId).not.toBe(items[i - 1]!.item.soundId);
      }
    }
  });

  it('drops a creator the user said "not interested" to from the next page', async () => {
    const first = await feed('picky', 10);
    const victim = first.items[0]!;
    const creator = victim.item.creatorId;
    engine.ingestor.ingestEvents([
      event('impression', 'picky', victim.itemId, { requestId: first.requestId }),
      event('not_interested', 'picky', victim.itemId, { requestId: first.requestId }),
    ]);
    engine.runner.drain();
    clock.advance(60_000);
    const next = await feed('picky', 20);
    expect(next.items).toHaveLength(20);
    expect(next.items.map((i) => i.item.creatorId)).not.toContain(creator);
    // Someone else still gets that creator.
    const other = await feed('someone', 30);
    expect(other.items.map((i) => i.item.creatorId)).toContain(creator);
  });

  it('gives a brand-new upload its guaranteed slot', async () => {
    engine.ingestor.upsertItems([
      item(500, { createdAt: new Date(T0 - 60_000).toISOString(), topics: ['art'] }),
    ]);
    engine.maintain();
    const { items } = await feed('newcomer', 10);
    // Its score (freshness alone) ranks it far below the page; the reserved slot (position 5,
    // spacing may move it a place) brings it in. Without the traffic pools it is not on the page.
    const at = items.findIndex((i) => i.itemId === 'v500');
    expect(at).toBeGreaterThanOrEqual(4);
    expect(at).toBeLessThanOrEqual(6);
  });
});
