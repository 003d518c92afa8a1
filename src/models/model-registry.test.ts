import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ArtifactError, type ModelArtifact } from './artifact.js';
import { ItemKnnRecommender } from './item-knn.js';
import { ModelRegistry } from './model-registry.js';
import { MostPopularRecommender } from './most-popular.js';
import { modelFromArtifact } from './registry.js';
import { plantedBlocks } from './testing.js';

const root = mkdtempSync(join(tmpdir(), 'foryou-registry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const train = plantedBlocks(10, 8, 3, 1);
const ids = {
  itemIds: Array.from({ length: 8 }, (_, i) => `i${i}`),
  userIds: Array.from({ length: 10 }, (_, u) => `u${u}`),
};

function popular(): ModelArtifact {
  const model = new MostPopularRecommender();
  model.fit(train);
  return model.toArtifact(ids);
}

const meta = {
  trainedAt: '2026-11-28T10:00:00.000Z',
  metrics: { ndcg: 0.5 },
  dataSummary: { source: 'test' },
};

describe('ModelRegistry', () => {
  it('numbers versions 1, 2, 3 per name and lays them out as <name>/<version>/{model.fym,meta.json}', () => {
    const dir = join(root, 'layout');
    const registry = new ModelRegistry(dir);
    expect(registry.latestVersion('pop')).toBeNull();
    expect(registry.latest('pop')).toBeNull();
    expect(registry.list('pop')).toEqual([]);
    expect(registry.names()).toEqual([]);
    expect(registry.register('pop', popular(), meta)).toEqual({
      name: 'pop',
      version: 1,
      dir: join(dir, 'pop', '1'),
    });
    expect(registry.register('pop', popular(), meta).version).toBe(2);
    expect(registry.register('knn', popular(), meta).version).toBe(1);
    expect(readdirSync(join(dir, 'pop', '2')).sort()).toEqual(['meta.json', 'model.fym']);
    expect(registry.names()).toEqual(['knn', 'pop']);
    expect(registry.latestVersion('pop')).toBe(2);
    expect(registry.latest('pop')).toMatchObject({
      name: 'pop',
      version: 2,
      model: 'most-popular',
      trainedAt: meta.trainedAt,
      metrics: { ndcg: 0.5 },
      dataSummary: { source: 'test' },
    });
    expect(registry.list('pop').map((m) => m.version)).toEqual([1, 2]);
    // a new registry over the same directory (a restart) continues the numbering
    expect(new ModelRegistry(dir).register('pop', popular(), { trainedAt: new Date(0) }).version).toBe(3);
    expect(registry.meta('pop', 3)).toMatchObject({
      trainedAt: '1970-01-01T00:00:00.000Z',
      metrics: {},
      dataSummary: null,
    });
  });

  it('loads the latest or a given version, which scores as the model registered', () => {
    const registry = new ModelRegistry(join(root, 'load'));
    const knn = new ItemKnnRecommender({ neighbours: 3 });
    knn.fit(train);
    registry.register('m', popular(), meta);
    registry.register('m', knn.toArtifact(ids), meta);
    const latest = registry.load('m');
    expect(latest.meta.version).toBe(2);
    expect(latest.artifact.model).toBe('item-knn');
    expect(latest.artifact.itemIds).toEqual(ids.itemIds);
    const a = new Float32Array(8);
    const b = new Float32Array(8);
    for (let u = 0; u < 10; u++) {
      knn.scoreUser(u, a);
      modelFromArtifact(latest.artifact).scoreUser(u, b);
      expect(b).toEqual(a);
    }
    expect(registry.load('m', 1).artifact.model).toBe('most-popular');
    expect(() => registry.load('m', 7)).toThrow(/model m version 7 not found/);
    expect(() => registry.load('other')).toThrow(/no version of model other/);
  });

  it('skips over versions claimed by others, and ignores incomplete ones until their meta.json lands', () => {
    const dir = join(root, 'claims');
    const registry = new ModelRegistry(dir);
    registry.register('x', popular(), meta);
    // another process has claimed version 2 and is still writing it
    mkdirSync(join(dir, 'x', '2'));
    expect(registry.latestVersion('x')).toBe(1);
    expect(registry.register('x', popular(), meta).version).toBe(3);
    expect(registry.list('x').map((m) => m.version)).toEqual([1, 3]);
    // a registration that fails part-way leaves nothing behind
    const broken = {
      ...popular(),
      sections: { counts: { data: [1, 2] as unknown as Float32Array, shape: [2] } },
    };
    expect(() => registry.register('x', broken, meta)).toThrow(/section counts is not a Float32Array/);
    expect(existsSync(join(dir, 'x', '4'))).toBe(false);
    writeFileSync(join(dir, 'x', 'notes.txt'), 'not a version');
    expect(registry.latestVersion('x')).toBe(3);
  });

  it('prunes all but the newest complete versions, and keeps numbering past them', () => {
    const dir = join(root, 'prune');
    const registry = new ModelRegistry(dir);
    for (let i = 0; i < 5; i++) registry.register('p', popular(), meta);
    expect(registry.prune('p', 2)).toEqual([1, 2, 3]);
    expect(registry.list('p').map((m) => m.version)).toEqual([4, 5]);
    expect(existsSync(join(dir, 'p', '1'))).toBe(false);
    expect(registry.prune('p', 2)).toEqual([]);
    expect(registry.register('p', popular(), meta).version).toBe(6);
    expect(() => registry.prune('p', 0)).toThrow(/at least 1/);
  });

  it('rejects names that are not plain directory names, and corrupt files by path', () => {
    const registry = new ModelRegistry(join(root, 'names'));
    for (const bad of ['', '../up', 'a/b', '.hidden', 'x'.repeat(200)])
      expect(() => registry.register(bad, popular(), meta)).toThrow(/model name/);
    const { dir } = registry.register('ok', popular(), meta);
    writeFileSync(join(dir, 'model.fym'), 'garbage!');
    expect(() => registry.load('ok')).toThrow(ArtifactError);
    expect(() => registry.load('ok')).toThrow(`${join(dir, 'model.fym')}: not a model artifact`);
  });

  it('gives distinct versions to processes registering at once', async () => {
    const dir = join(root, 'race');
    const script = `
      import { ModelRegistry } from ${JSON.stringify(new URL('./model-registry.ts', import.meta.url).pathname)};
      import { createArtifact } from ${JSON.stringify(new URL('./artifact.ts', import.meta.url).pathname)};
      const registry = new ModelRegistry(${JSON.stringify(dir)});
      const artifact = createArtifact(
        { model: 'most-popular', options: {}, nUsers: 0, nItems: 1, sections: { counts: { data: new Float32Array(1), shape: [1] } } },
        { itemIds: ['a'], userIds: [] },
      );
      const versions = [];
      for (let i = 0; i < 25; i++) versions.push(registry.register('race', artifact, { trainedAt: new Date() }).version);
      console.log(JSON.stringify(versions));
    `;
    const run = promisify(execFile);
    const tsx = join(new URL('../../node_modules/.bin/tsx', import.meta.url).pathname);
    const outputs = await Promise.all(
      [0, 1, 2].map(() =>
        run(tsx, ['--eval', script], { cwd: root }).then((r) => JSON.parse(r.stdout) as number[]),
      ),
    );
    const all = outputs.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 75 }, (_, i) => i + 1));
    expect(new ModelRegistry(dir).latestVersion('race')).toBe(75);
  }, 60_000);
});
