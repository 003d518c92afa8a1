import { describe, expect, it } from 'vitest';
import { parseConfig, type Event } from '../core/index.js';
import { SqliteEventLog } from '../log/index.js';
import { CatalogStore, ItemStatsStore, SeenStore } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { EngagementProcessor } from './engagement.js';
import { SignalReader, engagementWeight } from './signals.js';
import type { Processor } from './processor.js';
import { StreamRunner } from './runner.js';
import { SeenProcessor } from './seen.js';

const t = useTempDb();

const config = parseConfig({});
const weights = config.eventWeights;
const signals = () => new SignalReader(new CatalogStore(t.db), weights, config.profile);
const ev = (id: string, itemId = 'i', type: Event['type'] = 'like'): Event => ({
  id,
  type,
  userId: 'u',
  itemId,
  timestamp: '2026-01-01T00:00:00Z',
});

describe('StreamRunner', () => {
  it('commits state and offset together: a failing batch leaves both as they were', () => {
    const log = new SqliteEventLog(t.db);
    const stats = new ItemStatsStore(t.db, 3_600_000, new CatalogStore(t.db));
    const engagement = new EngagementProcessor(stats, signals());
    let fail = true;
    const flaky: Processor = {
      group: engagement.group,
      process(records) {
        const publish = engagement.process(records);
        if (fail) throw new Error('crash mid-batch');
        return publish;
      },
    };
    log.append([ev('1'), ev('2')], 1);
    const runner = new StreamRunner(t.db, log, [flaky]);
    expect(() => runner.step()).toThrow('crash mid-batch');
    expect(log.committed(engagement.group, log.partitionOf('u'))).toBe(0);
    expect(new ItemStatsStore(t.db, 3_600_000, new CatalogStore(t.db)).get('i')).toBeUndefined();
    fail = false;
    expect(runner.drain()).toBe(2);
    expect(log.committed(engagement.group, log.partitionOf('u'))).toBe(2);
    expect(new ItemStatsStore(t.db, 3_600_000, new CatalogStore(t.db)).get('i')?.events).toBe(2);
  });

  it('tells every processor to roll back when a step fails', () => {
    const log = new SqliteEventLog(t.db);
    const rolledBack: string[] = [];
    const processor = (group: string, fail: boolean): Processor => ({
      group,
      process() {
        if (fail) throw new Error('crash mid-batch');
      },
      rollback: () => rolledBack.push(group),
    });
    log.append([ev('1')], 1);
    const runner = new StreamRunner(t.db, log, [processor('a', false), processor('b', true)]);
    expect(() => runner.step()).toThrow('crash mid-batch');
    expect(rolledBack).toEqual(['a', 'b']);
    expect(log.committed('a', log.partitionOf('u'))).toBe(0); // a's offset went with the transaction
  });

  it('resumes from the committed offset after a restart, counting nothing twice', () => {
    const log = new SqliteEventLog(t.db);
    const make = () => {
      const stats = new ItemStatsStore(t.db, 3_600_000, new CatalogStore(t.db));
      return {
        stats,
        runner: new StreamRunner(t.db, log, [new EngagementProcessor(stats, signals())], {
          batchSize: 3 * log.partitions, // three records per partition per step
        }),
      };
    };
    log.append([ev('1'), ev('2'), ev('3'), ev('4')], 1);
    make().runner.step(); // three of four
    log.append([ev('5')], 1);
    const second = make();
    const lagOfU = () => second.runner.lag().filter((l) => l.partition === log.partitionOf('u'));
    expect(lagOfU()).toEqual([{ group: 'item-engagement', partition: log.partitionOf('u'), lag: 2 }]);
    second.runner.drain();
    expect(second.stats.get('i')?.events).toBe(5);
    expect(lagOfU()).toEqual([{ group: 'item-engagement', partition: log.partitionOf('u'), lag: 0 }]);
    expect(second.runner.lag().every((l) => l.lag === 0)).toBe(true);
  });

  it('runs in the background, woken by appends', async () => {
    const log = new SqliteEventLog(t.db);
    const seen = new SeenStore(t.db);
    expect(seen.get('u').size).toBe(0);
    const runner = new StreamRunner(t.db, log, [new SeenProcessor(seen)], { pollMs: 10_000 });
    runner.start();
    log.append([ev('1', 'watched-item', 'impression')], 1);
    await new Promise((r) => setTimeout(r, 20));
    runner.stop();
    expect(seen.get('u').has('watched-item')).toBe(true);
  });
});

describe('StreamRunner over partitions', () => {
  it('commits each partition separately and calls expire at every step', () => {
    const log = new SqliteEventLog(t.db);
    const users = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    log.append(
      users.map((u, n) => ({ ...ev(`e${n}`), userId: u })),
      1,
    );
    const got: string[] = [];
    const expiries: number[] = [];
    const recorder: Processor = {
      group: 'recorder',
      process: (records) => void got.push(...records.map((r) => r.event.userId)),
      expire: (now) => void expiries.push(now),
    };
    const runner = new StreamRunner(t.db, log, [recorder], { now: () => 42 });
    expect(runner.drain()).toBe(users.length);
    expect(got.sort()).toEqual(users);
    expect(expiries[0]).toBe(42);
    for (let p = 0; p < log.partitions; p++) expect(log.committed('recorder', p)).toBe(log.endOffset(p));
    expect(new Set(users.map((u) => log.partitionOf(u))).size).toBeGreaterThan(1);
  });
});

describe('engagementWeight', () => {
  it('weighs a watch by the fraction watched, loops included, capped at three plays', () => {
    const watch = (watchMs: number): Event => ({ ...ev('w', 'i', 'watch'), watchMs, durationMs: 10_000 });
    expect(engagementWeight(watch(5_000), weights, undefined)).toBeCloseTo(0.5 * weights.watch);
    expect(engagementWeight({ ...watch(5_000), durationMs: undefined }, weights, 20_000)).toBeCloseTo(0.25);
    expect(engagementWeight(watch(100_000), weights, undefined)).toBeCloseTo(3 * weights.watch);
    expect(engagementWeight(ev('s', 'i', 'skip'), weights, undefined)).toBe(weights.skip);
  });
});
