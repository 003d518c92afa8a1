import { describe, expect, it } from 'vitest';
import { parseConfig, type Event, type Item } from '../core/index.js';
import type { LogRecord } from '../log/index.js';
import { CatalogStore, CoVisitStore, relaxedTransaction } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { CoVisitProcessor, decodeSession, encodeSession } from './co-visit.js';
import { SignalReader } from './signals.js';

const t = useTempDb();
const config = parseConfig({});
const T0 = Date.parse('2026-01-01T00:00:00Z');
const GAP = config.profile.sessionGapMs;

let n = 0;
const like = (userId: string, itemId: string, at: number): LogRecord => {
  n += 1;
  const event: Event = { id: `e${n}`, type: 'like', userId, itemId, timestamp: new Date(at).toISOString() };
  return { partition: 0, offset: n, receivedAt: at, event };
};

function setup(maxNeighbours = 50) {
  const catalog = new CatalogStore(t.db);
  const items: Item[] = Array.from({ length: 30 }, (_, i) => ({
    id: `v${i}`,
    creatorId: 'c',
    topics: [],
    durationMs: 10_000,
    createdAt: new Date(T0).toISOString(),
  }));
  catalog.upsertItems(items, T0);
  const signals = new SignalReader(catalog, config.eventWeights, config.profile);
  const store = new CoVisitStore(t.db, config.profile.halfLifeMs, maxNeighbours);
  const processor = new CoVisitProcessor(t.db, store, signals, config.profile);
  const step = (records: LogRecord[], now = T0) => {
    const publishers = relaxedTransaction(t.db, () => [processor.process(records), processor.expire(now)]);
    for (const p of publishers) if (p) p();
  };
  return { store, step };
}

const sessionRows = () => t.db.prepare<[], { user_id: string }>('SELECT user_id FROM co_sessions').all();

describe('co-visit sessions', () => {
  it('encode to a compact record and back, and still read the JSON written before', () => {
    const s = [
      { itemId: 'v1', ts: T0 },
      { itemId: 'vidéo-2', ts: T0 + 1.5 },
    ];
    expect(decodeSession(encodeSession(s))).toEqual(s);
    expect(encodeSession(s).length).toBe(1 + (2 + 2 + 8) + (2 + 8 + 8));
    expect(decodeSession(Buffer.from(JSON.stringify(s)))).toEqual(s);
  });

  it('are deleted once idle past the session gap in event time, and an expired one pairs with nothing', () => {
    const { store, step } = setup();
    step([like('a', 'v1', T0), like('b', 'v2', T0 + GAP)], T0 + GAP);
    expect(
      sessionRows()
        .map((r) => r.user_id)
        .sort(),
    ).toEqual(['a', 'b']);
    // The clock alone moves nothing (a replay of old events must pair as the first run did).
    step([], T0 + 100 * GAP);
    expect(sessionRows()).toHaveLength(2);
    step([like('b', 'v2', T0 + GAP + 1)], T0 + 100 * GAP + 60_001); // a's is now past the gap...
    expect(sessionRows()).toHaveLength(2); // ...as of this commit: expiry sees it from the next step
    step([], T0 + 100 * GAP + 120_002);
    expect(sessionRows().map((r) => r.user_id)).toEqual(['b']);
    step([like('a', 'v3', T0 + GAP + 2)], T0 + 100 * GAP + 120_003);
    expect(store.get('v3')).toBeUndefined();
  });

  it('keep the last 10 engagements of the gap before the newest', () => {
    const { store, step } = setup();
    step([like('a', 'v0', T0)]);
    step(Array.from({ length: 12 }, (_, i) => like('a', `v${i + 1}`, T0 + GAP - 100 + i)));
    // v13 pairs with the ten before it (v3..v12): v0 was past the gap, v1 and v2 fell off the end.
    step([like('a', 'v13', T0 + GAP + 20)]);
    expect([...store.get('v13')!.keys()].sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `v${i + 3}`).sort(),
    );
  });
});

describe('co-visit store, a pair written once per batch', () => {
  it('gives the weights of one delta at a time, in memory and reloaded', () => {
    const deltas = Array.from({ length: 200 }, (_, i) => ({
      a: `v${i % 7}`,
      b: `v${(i * 5) % 11}`,
      weight: 1 / (1 + (i % 4)),
      ts: T0 + ((i * 7919) % 1000) * 60_000, // out of order, over 16 hours
    }));
    const batched = new CoVisitStore(t.db, config.profile.halfLifeMs, 4);
    relaxedTransaction(t.db, () => batched.stage(deltas))();
    const single = new CoVisitStore(t.db, config.profile.halfLifeMs, 4); // loads what was written
    for (let a = 0; a < 7; a++) {
      const reloaded = single.get(`v${a}`)!;
      const mine = batched.get(`v${a}`)!;
      expect([...reloaded.keys()].sort()).toEqual([...mine.keys()].sort());
      for (const [b, w] of mine) expect(reloaded.get(b)! / w).toBeCloseTo(1, 9);
    }
    // Without pruning (which runs at the end of a batch, so depends on batches), the same deltas
    // one at a time agree to rounding.
    t.db.exec('DELETE FROM co_visits');
    const whole = new CoVisitStore(t.db, config.profile.halfLifeMs, 50);
    relaxedTransaction(t.db, () => whole.stage(deltas))();
    t.db.exec('DELETE FROM co_visits');
    const oneByOne = new CoVisitStore(t.db, config.profile.halfLifeMs, 50);
    for (const d of deltas) relaxedTransaction(t.db, () => oneByOne.stage([d]))();
    for (let a = 0; a < 7; a++) {
      const mine = whole.get(`v${a}`)!;
      const theirs = oneByOne.get(`v${a}`)!;
      expect(mine.size).toBe(theirs.size);
      expect(oneByOne.mass(`v${a}`) / whole.mass(`v${a}`)).toBeCloseTo(1, 9);
      for (const [b, w] of theirs) expect(mine.get(b)! / w).toBeCloseTo(1, 9);
    }
  });
});
