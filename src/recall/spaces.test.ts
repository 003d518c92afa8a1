import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyProfile, type FeedQuery, type Item } from '../core/index.js';
import { ModelRegistry } from '../models/index.js';
import { CatalogStore } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { WorkerIndex } from '../vector/index.js';
import { VectorSpaces } from './spaces.js';
import { VectorSource } from './vector-source.js';

const t = useTempDb();
const NOW = Date.parse('2026-06-01T12:00:00Z');
// Enough videos for an HNSW content index, which lives on a worker thread.
const VIDEOS = 10_000;
const TOPICS = ['cats', 'cars', 'cooking', 'chess', 'climbing'];
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function world(videos = VIDEOS) {
  const items: Item[] = Array.from({ length: videos }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    return {
      id: `${topic}-${i}`,
      creatorId: `c${i % 500}`,
      caption: `${topic} video ${i % 37}`,
      hashtags: [topic, `${topic}${i % 11}`],
      durationMs: 10_000,
      createdAt: new Date(NOW - 86_400_000).toISOString(),
    };
  });
  const catalog = new CatalogStore(t.db);
  catalog.upsertItems(items, NOW);
  const dir = mkdtempSync(join(tmpdir(), 'foryou-spaces-'));
  dirs.push(dir);
  const errors: string[] = [];
  const spaces = new VectorSpaces(catalog, new ModelRegistry(dir), (what) => errors.push(what));
  const source = new VectorSource('content', () => spaces.content, catalog, 50, {
    quota: 20,
    timeoutMs: 1000,
    weight: 1,
  });
  return { items, catalog, spaces, source, errors };
}

const query = (watched: string[]): FeedQuery => ({
  request: { requestId: 'r', userId: 'u', n: 10, now: NOW },
  user: null,
  profile: {
    ...emptyProfile('u', NOW),
    recent: watched.map((itemId) => ({ itemId, ts: NOW, weight: 1, completed: true })),
  },
  exclude: new Set(),
});

describe('vector spaces on worker threads', () => {
  it('serves content recall from a worker, and rebuilds the index when the worker dies', async () => {
    const { items, spaces, source, errors } = world();
    spaces.refitContent(items);
    await spaces.settled();
    expect(spaces.building).toBe(false);
    const index = spaces.content!.index;
    expect(index).toBeInstanceOf(WorkerIndex);
    const fetched = async () =>
      (await source.fetch(query(['cats-0', 'cats-5']), 20)).map((s) => s.entry.item.id);
    const before = await fetched();
    expect(before).toHaveLength(20);
    expect(before.filter((id) => id.startsWith('cats-')).length).toBeGreaterThanOrEqual(18);
    expect(before).not.toContain('cats-0'); // the seeds are not proposed again

    // What a crash of the native addon would do to the thread.
    await (index as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(source.fetch(query(['cats-0']), 20)).rejects.toThrow(/exited/);
    spaces.maintain(NOW);
    expect(errors).toEqual(['content index']);
    await spaces.settled();
    expect(spaces.content!.index).not.toBe(index);
    expect(await fetched()).toEqual(before);
    spaces.close();
  }, 60_000);

  it('is settled once closed, even with a build in flight', async () => {
    const { items, spaces } = world();
    spaces.refitContent(items);
    expect(spaces.building).toBe(true); // 10,000 videos: HNSW, built on a worker
    spaces.close();
    await spaces.settled();
    expect(spaces.content).toBeNull();
  });
});

describe('vector source', () => {
  it('reads each hit as the catalog holds it now, so a video hidden since it was last found is left out', async () => {
    const { items, catalog, spaces, source } = world(40); // small: an exact index, in this thread
    spaces.refitContent(items);
    await spaces.settled();
    const fetched = async () => (await source.fetch(query(['cats-0']), 10)).map((s) => s.entry.item.id);
    const before = await fetched();
    expect(before).toContain('cats-5');
    // Hidden in the catalog; the space has not been told (no maintenance ran).
    catalog.upsertItems([{ ...items[5]!, status: 'hidden' }], NOW);
    const after = await fetched();
    expect(after).not.toContain('cats-5');
    expect(before.filter((id) => id !== 'cats-5')).toEqual(after.slice(0, before.length - 1));
    spaces.close();
  });

  it('takes an upload into the content space at the next maintenance, and nothing when the catalog is unchanged', async () => {
    const { items, catalog, spaces, source } = world(40);
    spaces.refitContent(items);
    await spaces.settled();
    const space = spaces.content!;
    expect(space.sync(catalog)).toBe(0);
    const upload: Item = {
      ...items[0]!,
      id: 'cats-new',
      caption: 'cats video 0',
      createdAt: new Date(NOW).toISOString(),
    };
    catalog.upsertItems([upload], NOW);
    spaces.maintain(NOW);
    expect(space.sync(catalog)).toBe(0); // maintenance took it
    const fetched = (await source.fetch(query(['cats-0']), 10)).map((s) => s.entry.item.id);
    expect(fetched).toContain('cats-new');
    spaces.close();
  });
});
