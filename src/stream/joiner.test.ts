import { describe, expect, it } from 'vitest';
import { parseConfig, type Config, type Event, type Item } from '../core/index.js';
import { SqliteEventLog, type LogRecord } from '../log/index.js';
import { CatalogStore, SampleStore, ServedStore } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { JoinerProcessor } from './joiner.js';
import { StreamRunner } from './runner.js';
import { SignalReader } from './signals.js';

const t = useTempDb();
const config = parseConfig({});
const T0 = Date.parse('2026-01-01T00:00:00Z'); // event time (the client's clock)
const R0 = T0 + 60_000; // log time (the server's clock), a minute ahead: the two need not agree
const MIN = 60_000;

const item = (id: string, creatorId: string): Item => ({
  id,
  creatorId,
  durationMs: 10_000,
  createdAt: new Date(T0 - 86_400_000).toISOString(),
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
  ...(itemId ? { itemId, requestId: 'r1' } : {}),
  timestamp: new Date(at).toISOString(),
  ...extra,
});
const watch = (itemId: string, at: number, watchMs: number, extra: Partial<Event> = {}) =>
  ev('watch', itemId, at, { watchMs, durationMs: 10_000, ...extra });

let offset = 0;
/** Records of partition 0, all received at `receivedAt`. */
const recs = (receivedAt: number, ...events: Event[]): LogRecord[] =>
  events.map((event) => ({ partition: 0, offset: ++offset, receivedAt, event }));
/** Another user's event in the same partition: it moves log time on. */
const tick = (receivedAt: number) => recs(receivedAt, ev('impression', undefined, T0, { userId: 'other' }));

const FEATURES = { trending: 2, freshness: 0.5, recall_rrf: 1 };

function setup(joiner: Partial<Config['joiner']> = {}, flush = true) {
  const catalog = new CatalogStore(t.db);
  catalog.upsertItems([item('v1', 'alice'), item('v2', 'bob'), item('v3', 'alice')], T0);
  const signals = new SignalReader(catalog, config.eventWeights, config.profile);
  const served = new ServedStore(t.db, config.feed.servedTtlMs, 1_000_000);
  served.record(
    'r1',
    'u',
    ['v1', 'v2', 'v3'].map((itemId, position) => ({
      itemId,
      position,
      source: 'trending',
      score: 0.9 - position / 10,
      features: FEATURES,
    })),
    T0 - 1000,
  );
  if (flush) served.flush();
  const samples = new SampleStore(t.db);
  const make = () => new JoinerProcessor(t.db, samples, signals, catalog, { ...config.joiner, ...joiner });
  const processor = make();
  // The runner wraps each call in a transaction; so does this.
  const process = (records: LogRecord[]) => t.db.transaction(() => processor.process(records))();
  const expire = (now: number) => t.db.transaction(() => processor.expire(now))();
  return { samples, served, processor, process, expire, make };
}

describe('sample joiner', () => {
  it('joins an impression, a finished watch and a like into one sample with the served features', () => {
    const { samples, processor, process } = setup();
    process(recs(R0, ev('impression', 'v1', T0), ev('impression', 'v2', T0), ev('like', 'v1', T0 + 8000)));
    process(recs(R0 + 10_000, watch('v1', T0 + 10_000, 9500)));
    expect(samples.count()).toBe(0); // still open: its view ended 0 s ago
    process(tick(R0 + 13_001)); // 3 s after the view ended, in log time
    expect(samples.read(0, 10)).toEqual([
      {
        offset: 1,
        requestId: 'r1',
        userId: 'u',
        itemId: 'v1',
        servedAt: T0 - 1000,
        closedAt: R0 + 13_001,
        position: 0,
        source: 'trending',
        score: 0.9,
        features: FEATURES,
        watchRatio: 0.95,
        finished: true,
        liked: true,
        shared: false,
        followed: false,
        quickSkip: false,
      },
    ]);
    expect(samples.lastOffset()).toBe(1);
    expect(processor.pending()).toBe(1); // v2: shown, not yet out of its window
    expect(processor.counters()).toMatchObject({ opened: 2, closed: 1, late: 0 });
  });

  it('labels a skip as a quick skip with its watch ratio', () => {
    const { samples, process } = setup();
    process(
      recs(
        R0,
        ev('impression', 'v2', T0),
        ev('skip', 'v2', T0 + 1000, { watchMs: 1000, durationMs: 10_000 }),
      ),
    );
    process(tick(R0 + 3001));
    const [s] = samples.read(0, 10);
    expect(s).toMatchObject({ itemId: 'v2', position: 1, watchRatio: 0.1, quickSkip: true, finished: false });
  });

  it('closes at the end of the window, by later records and by the clock, not before', () => {
    const { samples, process, expire } = setup();
    process(recs(R0, ev('impression', 'v1', T0)));
    process(tick(R0 + 5 * MIN - 1));
    expect(samples.count()).toBe(0);
    // Event time past the window: late though the sample is still open.
    process(recs(R0 + 5 * MIN - 1, ev('like', 'v1', T0 + 5 * MIN + 1)));
    process(tick(R0 + 5 * MIN + 1));
    expect(samples.read(0, 10)).toMatchObject([{ itemId: 'v1', liked: false, closedAt: R0 + 5 * MIN + 1 }]);

    process(recs(R0 + 6 * MIN, ev('impression', 'v2', T0 + 6 * MIN)));
    expire(R0 + 11 * MIN - 1);
    expect(samples.count()).toBe(1);
    expire(R0 + 11 * MIN + 1);
    expect(samples.read(1, 10)).toMatchObject([{ itemId: 'v2', closedAt: R0 + 11 * MIN + 1 }]);

    // A view's end closes it 3 s later by the clock too.
    process(recs(R0 + 12 * MIN, ev('impression', 'v3', T0), watch('v3', T0 + 4000, 4000)));
    expire(R0 + 12 * MIN + 3001);
    expect(samples.read(2, 10)).toMatchObject([{ itemId: 'v3', watchRatio: 0.4 }]);
  });

  it('counts a like after the close as late and leaves the sample as written', () => {
    const { samples, processor, process, expire } = setup();
    process(recs(R0, ev('impression', 'v1', T0), watch('v1', T0 + 2000, 2000)));
    expire(R0 + 4000);
    const written = samples.read(0, 10);
    expect(written).toMatchObject([{ itemId: 'v1', liked: false }]);
    process(recs(R0 + 5000, ev('like', 'v1', T0 + 2500)));
    expect(samples.read(0, 10)).toEqual(written);
    expect(processor.counters()).toMatchObject({ late: 1, closed: 1, opened: 1 });
    expect(processor.pending()).toBe(0);
  });

  it('joins events that come before their served row is flushed, and drops a sample never served', () => {
    const { samples, served, processor, process } = setup({}, false);
    process(recs(R0, ev('impression', 'v1', T0), watch('v1', T0 + 10_000, 10_000)));
    process(recs(R0, ev('impression', 'v9', T0))); // not in request r1
    served.flush();
    process(tick(R0 + 5 * MIN + 1));
    expect(samples.read(0, 10)).toMatchObject([
      { itemId: 'v1', features: FEATURES, source: 'trending', finished: true, watchRatio: 1 },
    ]);
    expect(processor.counters()).toMatchObject({ opened: 2, closed: 1, unserved: 1 });
  });

  it('joins events without a request id to the open sample of the item, else counts them unjoined', () => {
    const { samples, processor, process } = setup();
    process(
      recs(
        R0,
        ev('impression', 'v1', T0),
        ev('share', undefined, T0 + 1000, { itemId: 'v1' }),
        ev('like', undefined, T0 + 1000, { itemId: 'v2' }),
      ),
    );
    process(tick(R0 + 5 * MIN + 1));
    expect(samples.read(0, 10)).toMatchObject([{ itemId: 'v1', shared: true, liked: false }]);
    expect(processor.counters()).toMatchObject({ unjoined: 1, opened: 1 });
  });

  it('counts a follow of the creator after the impression, on every open sample of that creator', () => {
    const { samples, process } = setup();
    process(recs(R0, ev('follow', undefined, T0 - 1, { creatorId: 'alice' }))); // before: no
    process(recs(R0, ev('impression', 'v1', T0), ev('impression', 'v2', T0), ev('impression', 'v3', T0)));
    process(recs(R0, ev('follow', undefined, T0 + 1000, { creatorId: 'alice' })));
    process(tick(R0 + 5 * MIN + 1));
    const followed = Object.fromEntries(samples.read(0, 10).map((s) => [s.itemId, s.followed]));
    expect(followed).toEqual({ v1: true, v2: false, v3: true });
  });

  it('keeps at most maxPending open, closing the oldest first', () => {
    const { samples, processor, process } = setup({ maxPending: 2 });
    process(recs(R0, ev('impression', 'v1', T0)));
    process(recs(R0 + 1, ev('impression', 'v2', T0)));
    process(recs(R0 + 2, ev('impression', 'v3', T0)));
    expect(samples.read(0, 10).map((s) => s.itemId)).toEqual(['v1']);
    expect(processor.pending()).toBe(2);
    expect(processor.counters()).toMatchObject({ opened: 3, closed: 1, evicted: 1 });
  });

  it('writes no duplicate when the same records are replayed by a new processor', () => {
    const { samples, process, make } = setup();
    const records = [
      ...recs(R0, ev('impression', 'v1', T0), ev('like', 'v1', T0 + 1000)),
      ...tick(R0 + 5 * MIN + 1),
    ];
    process(records);
    const before = samples.read(0, 10);
    expect(before).toHaveLength(1);
    const again = make();
    t.db.transaction(() => again.process(records))();
    expect(samples.read(0, 10)).toEqual(before);
    expect(again.pending()).toBe(0);
  });

  it('through the log and the runner, does not close by the clock a partition it is still reading', () => {
    const { samples } = setup();
    const catalog = new CatalogStore(t.db);
    const signals = new SignalReader(catalog, config.eventWeights, config.profile);
    const log = new SqliteEventLog(t.db);
    const joiner = new JoinerProcessor(t.db, new SampleStore(t.db), signals, catalog, config.joiner, log);
    // The clock is a day on: without the check, the first step's expire would close v1 before its like.
    const runner = new StreamRunner(t.db, log, [joiner], { batchSize: 1, now: () => R0 + 86_400_000 });
    log.append([ev('impression', 'v1', T0)], R0);
    log.append([ev('like', 'v1', T0 + 1000)], R0 + 1000);
    log.append([watch('v1', T0 + 5000, 5000)], R0 + 5000);
    expect(runner.step()).toBe(1);
    expect(samples.count()).toBe(0);
    runner.drain();
    expect(samples.read(0, 10)).toMatchObject([{ itemId: 'v1', liked: true, watchRatio: 0.5 }]);
    expect(joiner.counters()).toMatchObject({ opened: 1, closed: 1, late: 0 });
  });
  it('after a failed transaction, takes its open samples back to what was committed', () => {
    const { samples, processor, process } = setup();
    process(recs(R0, ev('impression', 'v1', T0)));
    const failing = () =>
      t.db.transaction(() => {
        processor.process(recs(R0 + 1000, ev('impression', 'v2', T0 + 1000), ev('like', 'v1', T0 + 1000)));
        throw new Error('crash mid-batch');
      })();
    expect(failing).toThrow('crash mid-batch');
    expect(processor.pending()).toBe(2); // memory ran ahead of the rolled-back table
    processor.rollback(); // as the runner does when its transaction fails
    expect(processor.pending()).toBe(1);
    // The same records again, as the runner retries them: v1 is liked once, not twice.
    process(recs(R0 + 1000, ev('impression', 'v2', T0 + 1000), ev('like', 'v1', T0 + 1000)));
    process(tick(R0 + 6 * MIN));
    expect(samples.read(0, 10)).toMatchObject([
      { itemId: 'v1', liked: true },
      { itemId: 'v2', liked: false },
    ]);
    expect(processor.counters()).toMatchObject({ opened: 2, closed: 2 });
  });

  it('keeps an open sample across a restart: the table holds what memory held', () => {
    const { samples, process, make } = setup();
    process(recs(R0, ev('impression', 'v1', T0), ev('like', 'v1', T0 + 1000)));
    // The row leaves the served features to the served table.
    const rows = t.db.prepare<[], { doc: string }>('SELECT doc FROM joiner_pending').all();
    expect(rows.map((r) => JSON.parse(r.doc) as object)).toEqual([
      expect.not.objectContaining({ served: expect.anything() }),
    ]);
    const restarted = make();
    expect(restarted.pending()).toBe(1);
    t.db.transaction(() => restarted.process(tick(R0 + 5 * MIN + 1)))();
    expect(samples.read(0, 10)).toMatchObject([
      { itemId: 'v1', liked: true, servedAt: T0 - 1000, position: 0, score: 0.9, features: FEATURES },
    ]);
    expect(restarted.pending()).toBe(0);
  });
});
