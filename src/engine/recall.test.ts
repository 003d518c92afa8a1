// The recall stage inside a whole engine: processors feed the profile and co-visitation, `train`
// registers and serves an embedding model, and each personal source finds the user's kind of video.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Event, type FeedQuery, type Item } from '../core/index.js';
import { ModelRegistry } from '../models/index.js';
import { Engine } from './engine.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
let dir = '';
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'foryou-recall-'));
  engine = new Engine(parseConfig({ dataDir: dir, store: { synchronous: 'normal' } }), {
    startProcessors: false,
    clock: { now: () => T0 },
  });
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const topics = ['cats', 'dogs'] as const;
const item = (topic: string, i: number): Item => ({
  id: `${topic}-${i}`,
  creatorId: `${topic}-creator-${i % 3}`,
  caption: `my ${topic} video number ${i} #${topic}`,
  hashtags: [topic, 'fyp'],
  topics: [topic],
  durationMs: 10_000,
  createdAt: new Date(T0 - 86_400_000).toISOString(),
});

let n = 0;
/** A user who watches `items` to the end, one every 20 seconds, and likes every other one. */
function session(userId: string, items: string[], start: number): Event[] {
  return items.flatMap((itemId, k) => {
    const timestamp = new Date(start + k * 20_000).toISOString();
    const watch: Event = {
      id: `e${++n}`,
      type: 'watch',
      userId,
      itemId,
      timestamp,
      watchMs: 10_000,
      durationMs: 10_000,
    };
    return k % 2 === 0 ? [watch, { id: `e${++n}`, type: 'like', userId, itemId, timestamp }] : [watch];
  });
}

function seed(): void {
  engine.ingestor.upsertItems(topics.flatMap((t) => Array.from({ length: 20 }, (_, i) => item(t, i))));
  const events: Event[] = [];
  for (let u = 0; u < 12; u++) {
    const topic = topics[u % 2]!;
    const watched = Array.from({ length: 8 }, (_, k) => `${topic}-${(u * 3 + k) % 20}`);
    events.push(...session(`fan-${u}`, watched, T0 - 3_600_000 + u * 1000));
  }
  events.push(...session('newcomer', ['cats-0', 'cats-1', 'cats-2'], T0 - 60_000));
  engine.ingestor.ingestEvents(events);
  engine.runner.drain();
  engine.maintain();
}

async function recall(source: string, userId = 'newcomer'): Promise<string[]> {
  const query: FeedQuery = {
    request: { requestId: 'r', userId, n: 10, now: T0 },
    user: null,
    profile: null,
    exclude: new Set(),
  };
  for (const h of engine.pipeline.config.queryHydrators) await h.hydrate(query);
  const s = engine.pipeline.config.sources.find((x) => x.name === source)!;
  return (await s.fetch(query, 10)).map((x) => x.entry.item.id);
}

const share = (ids: string[], topic: string) => ids.filter((id) => id.startsWith(topic)).length / ids.length;

describe('recall in the engine', () => {
  it('trains, registers and serves an embedding model that finds the user their kind of video', async () => {
    seed();
    expect(await recall('embedding')).toEqual([]); // no model yet
    const result = engine.train();
    expect(result.registered?.version).toBe(1);
    expect(engine.spaces.collaborative?.version).toBe(1);
    const ids = await recall('embedding');
    expect(ids.length).toBe(10);
    expect(ids).not.toContain('cats-0'); // the seeds themselves are not proposed again
    expect(share(ids, 'cats')).toBeGreaterThanOrEqual(0.8);
  });

  it('swaps in a version another process registers, on the next maintenance', () => {
    seed();
    engine.train();
    const other = new ModelRegistry(join(dir, 'models'));
    const { artifact } = other.load('ials', 1);
    other.register('ials', artifact, { trainedAt: new Date() });
    const before = engine.spaces.collaborative;
    engine.spaces.pollModels(true);
    expect(engine.spaces.collaborative?.version).toBe(2);
    expect(before?.version).toBe(1); // a request holding the old space keeps it whole
  });

  it('content, co-engagement and quality recall work from the first session, without a model', async () => {
    seed();
    expect(share(await recall('content'), 'cats')).toBe(1);
    const co = await recall('coEngagement');
    expect(co.length).toBeGreaterThan(0);
    expect(share(co, 'cats')).toBe(1);
    expect(await recall('quality', 'someone-new')).toHaveLength(10);
  });
});
