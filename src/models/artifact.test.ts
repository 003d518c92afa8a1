import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ARTIFACT_MAGIC,
  ArtifactError,
  createArtifact,
  decodeArtifact,
  encodeArtifact,
  isSerializable,
  loadArtifact,
  saveArtifact,
  trainingSummary,
  type ModelArtifact,
} from './artifact.js';
import { BprRecommender } from './bpr.js';
import { EaseRecommender } from './ease.js';
import { IalsRecommender } from './ials.js';
import { ItemKnnRecommender } from './item-knn.js';
import { MostPopularRecommender } from './most-popular.js';
import { RandomRecommender } from './random.js';
import { MODEL_NAMES, createModel, modelFromArtifact } from './registry.js';
import { plantedBlocks } from './testing.js';
import type { Recommender } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'foryou-artifact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nUsers = 24;
const nItems = 14;
const train = plantedBlocks(nUsers, nItems, 5, 7);
const ids = {
  itemIds: Array.from({ length: nItems }, (_, i) => `video-${i}`),
  userIds: Array.from({ length: nUsers }, (_, u) => `user-${u}`),
};

function fitted(name: string): Recommender {
  const model = createModel(name, {
    seed: 3,
    neighbours: 5,
    easeLambda: 2,
    ials: { factors: 3, iterations: 3 },
    bpr: { factors: 5, epochs: 10, threshold: 2 },
  });
  model.fit(train);
  return model;
}

function artifactOf(model: Recommender): ModelArtifact {
  if (!isSerializable(model)) throw new Error(`${model.name} is not serializable`);
  return model.toArtifact({
    ...ids,
    training: trainingSummary(train),
    createdAt: '2026-11-28T10:00:00.000Z',
  });
}

/** Every user's scores (and one unknown user's), as plain arrays. */
function allScores(model: Recommender): number[][] {
  const out = new Float32Array(nItems);
  return [...Array(nUsers + 1).keys()].map((u) => {
    model.scoreUser(u, out);
    return [...out];
  });
}

describe('model artifacts', () => {
  it.each(MODEL_NAMES)('%s: a saved and loaded model scores exactly as the original', (name) => {
    const model = fitted(name);
    const path = join(dir, `${name}.fym`);
    saveArtifact(path, artifactOf(model));
    const loaded = loadArtifact(path);
    expect(loaded).toMatchObject({
      model: name,
      formatVersion: 1,
      nUsers,
      nItems,
      createdAt: '2026-11-28T10:00:00.000Z',
      training: { interactions: train.length, users: nUsers, items: nItems },
    });
    expect(loaded.itemIds).toEqual(ids.itemIds);
    expect(loaded.userIds).toEqual(ids.userIds);
    const restored = modelFromArtifact(loaded);
    expect(restored.name).toBe(name);
    expect(allScores(restored)).toEqual(allScores(model));
    // and again through the restored model: nothing lost in a second round trip
    expect(
      allScores(modelFromArtifact(decodeArtifact(Buffer.concat(encodeArtifact(artifactOf(restored)))))),
    ).toEqual(allScores(model));
  });

  it('restores through each class’s static fromArtifact, keeping the options', () => {
    const ials = IalsRecommender.fromArtifact(loadArtifactOf(fitted('ials')));
    expect(ials.options).toMatchObject({ factors: 3, iterations: 3, seed: 3, weighting: 'value' });
    const bpr = BprRecommender.fromArtifact(loadArtifactOf(fitted('bpr')));
    expect(bpr.options).toMatchObject({ factors: 5, epochs: 10, threshold: 2, seed: 3 });
    const everything = new BprRecommender({ factors: 2, epochs: 1 });
    everything.fit(train);
    expect(BprRecommender.fromArtifact(loadArtifactOf(everything)).options.threshold).toBe(-Infinity);
    expect(EaseRecommender.fromArtifact(loadArtifactOf(fitted('ease'))).lambda).toBe(2);
    expect(ItemKnnRecommender.fromArtifact(loadArtifactOf(fitted('item-knn'))).neighbours).toBe(5);
    expect(MostPopularRecommender.fromArtifact(loadArtifactOf(fitted('most-popular'))).name).toBe(
      'most-popular',
    );
    expect(RandomRecommender.fromArtifact(loadArtifactOf(fitted('random'))).name).toBe('random');
    expect(() => EaseRecommender.fromArtifact(loadArtifactOf(fitted('ials')))).toThrow(
      /artifact of model "ials", not "ease"/,
    );
  });

  it('lays out magic, header length, header, then 8-byte aligned sections', () => {
    const bytes = Buffer.concat(encodeArtifact(artifactOf(fitted('bpr'))));
    expect(bytes.subarray(0, 4).toString('latin1')).toBe(ARTIFACT_MAGIC);
    const headerLength = bytes.readUInt32LE(4);
    expect((8 + headerLength) % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as {
      format: string;
      formatVersion: number;
      shapes: { users: number; items: number };
      sections: { name: string; type: string; shape: number[]; offset: number; byteLength: number }[];
      payload: { byteLength: number; sha256: string };
    };
    expect(header).toMatchObject({
      format: 'foryou-model',
      formatVersion: 1,
      shapes: { users: nUsers, items: nItems },
    });
    expect(header.sections.map((s) => [s.name, s.type, s.shape])).toEqual([
      ['userFactors', 'float32', [nUsers, 5]],
      ['itemFactors', 'float32', [nItems, 5]],
      ['itemBias', 'float32', [nItems]],
    ]);
    for (const s of header.sections) expect(s.offset % 8).toBe(0);
    expect(bytes.length).toBe(8 + headerLength + header.payload.byteLength);
  });

  it('writes atomically: replaces the file and leaves no temporary file behind', () => {
    const sub = mkdtempSync(join(dir, 'atomic-'));
    const path = join(sub, 'model.fym');
    saveArtifact(path, artifactOf(fitted('most-popular')));
    saveArtifact(path, artifactOf(fitted('ease')));
    expect(readdirSync(sub)).toEqual(['model.fym']);
    expect(loadArtifact(path).model).toBe('ease');
    expect(() => saveArtifact(join(sub, 'missing', 'model.fym'), artifactOf(fitted('random')))).toThrow(
      /ENOENT/,
    );
    expect(readdirSync(sub)).toEqual(['model.fym']);
  });

  describe('rejects damaged files with an error naming the file', () => {
    const good = Buffer.concat(encodeArtifact(artifactOf(fitted('ials'))));
    const headerLength = good.readUInt32LE(4);
    const write = (name: string, bytes: Uint8Array) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    const expectError = (path: string, pattern: RegExp) => {
      expect(() => loadArtifact(path)).toThrow(ArtifactError);
      expect(() => loadArtifact(path)).toThrow(
        new RegExp(`^${path.replace(/[.\\/]/g, '\\$&')}: .*${pattern.source}`),
      );
    };
    const withHeader = (edit: (h: Record<string, unknown>) => void) => {
      const header = JSON.parse(good.subarray(8, 8 + headerLength).toString('utf8')) as Record<
        string,
        unknown
      >;
      edit(header);
      const json = Buffer.from(JSON.stringify(header));
      const length = ((8 + json.length + 7) & ~7) - 8;
      const head = Buffer.alloc(8 + length, 0x20);
      head.write(ARTIFACT_MAGIC, 0, 'latin1');
      head.writeUInt32LE(length, 4);
      json.copy(head, 8);
      return Buffer.concat([head, good.subarray(8 + headerLength)]);
    };

    it('a missing file', () => expectError(join(dir, 'nope.fym'), /no such file/));
    it('wrong magic bytes', () =>
      expectError(write('magic.fym', Buffer.from('PK\u0003\u0004rest')), /not a model artifact/));
    it('a later format', () => {
      const later = Buffer.from(good);
      later.write('FYM2', 0, 'latin1');
      expectError(write('fym2.fym', later), /unsupported model artifact format "FYM2"/);
      expectError(
        write(
          'v2.fym',
          withHeader((h) => (h.formatVersion = 2)),
        ),
        /unsupported format version 2/,
      );
    });
    it('truncation anywhere', () => {
      expectError(write('short.fym', good.subarray(0, 5)), /shorter than the 8-byte preamble/);
      expectError(
        write('cut-header.fym', good.subarray(0, 8 + headerLength - 10)),
        /truncated: the header needs/,
      );
      expectError(
        write('cut-payload.fym', good.subarray(0, good.length - 3)),
        /truncated: expected \d+ bytes/,
      );
    });
    it('trailing bytes, a corrupt header, a flipped payload bit', () => {
      expectError(write('long.fym', Buffer.concat([good, Buffer.alloc(8)])), /corrupt: expected \d+ bytes/);
      const header = Buffer.from(good);
      header[9] = 0x7b; // '{{' is not JSON
      expectError(write('header.fym', header), /corrupt header/);
      const flipped = Buffer.from(good);
      flipped[flipped.length - 1]! ^= 1;
      expectError(write('flipped.fym', flipped), /checksum does not match/);
    });
    it('sections that disagree with their shape or lie outside the payload', () => {
      expectError(
        write(
          'shape.fym',
          withHeader((h) => ((h.sections as { shape: number[] }[])[0]!.shape = [nUsers, 4])),
        ),
        /section userFactors: \d+ bytes, but shape \[24, 4\] of float32 needs/,
      );
      expectError(
        write(
          'outside.fym',
          withHeader((h) => ((h.sections as { offset: number }[])[1]!.offset = 1 << 20)),
        ),
        /section itemFactors: bytes \d+\.\.\d+ lie outside/,
      );
      expectError(
        write(
          'ids.fym',
          withHeader((h) => (h.itemIds as string[]).pop()),
        ),
        /13 itemIds for 14/,
      );
    });
  });

  it('refuses ids that do not match the model’s index space', () => {
    const model = fitted('most-popular') as MostPopularRecommender;
    expect(() => model.toArtifact({ itemIds: ids.itemIds.slice(1), userIds: ids.userIds })).toThrow(
      /13 item ids for 14 items/,
    );
    expect(() =>
      createArtifact(
        {
          model: 'x',
          options: {},
          nUsers: 0,
          nItems: 0,
          sections: { a: { data: new Int32Array(3), shape: [2] } },
        },
        { itemIds: [], userIds: [] },
      ),
    ).toThrow(/section a has 3 values, shape \[2\]/);
  });
});

function loadArtifactOf(model: Recommender): ModelArtifact {
  return decodeArtifact(Buffer.concat(encodeArtifact(artifactOf(model))));
}

it('reads the bytes it wrote', () => {
  const path = join(dir, 'bytes.fym');
  saveArtifact(path, artifactOf(fitted('item-knn')));
  expect(Buffer.compare(readFileSync(path), Buffer.concat(encodeArtifact(loadArtifact(path))))).toBe(0);
});
