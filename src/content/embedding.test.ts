import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { generateWorld } from '../sim/world.js';
import { ContentEncoder, cosine } from './embedding.js';
import { HashtagTopicModel } from './topics.js';

const norm = (v: Float32Array): number => Math.hypot(...v);

const PASTA = { caption: 'Creamy garlic pasta in 10 minutes 🍝', hashtags: ['pasta', 'recipe', 'fyp'] };
const PASTA2 = { caption: 'My grandma’s pasta recipe, finally', hashtags: ['pasta', 'recipe', 'foodtok'] };
const PUPPY = { caption: 'The puppy met the cat today 🐶', hashtags: ['puppy', 'dogsoftiktok', 'fyp'] };
const CATALOG = [
  PASTA,
  PASTA2,
  PUPPY,
  { hashtags: ['fyp', 'viral'] },
  { caption: 'Leg day again', hashtags: ['gym'] },
];

describe('ContentEncoder', () => {
  const encoder = new ContentEncoder().fit(CATALOG);

  it('puts videos sharing hashtags closer than videos on other topics', () => {
    const [a, b, c] = [PASTA, PASTA2, PUPPY].map((item) => encoder.encode(item));
    expect(norm(a!)).toBeCloseTo(1, 5);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.15);
  });

  it('weights rare tokens and hashtags up', () => {
    expect(encoder.idfOf('#pasta')).toBeGreaterThan(encoder.idfOf('#fyp'));
    expect(encoder.idfOf('never-seen')).toBe(1);
    const tagsOnly = new ContentEncoder({ hashtagWeight: 10 }).fit(CATALOG);
    const wordsOnly = new ContentEncoder({ hashtagWeight: 0.1 }).fit(CATALOG);
    const [a, b] = [PASTA, PASTA2];
    // The two pasta videos share hashtags more than caption words.
    expect(cosine(tagsOnly.encode(a), tagsOnly.encode(b))).toBeGreaterThan(
      cosine(wordsOnly.encode(a), wordsOnly.encode(b)),
    );
  });

  it('returns zeros for an item without content, and encodes into a shared matrix', () => {
    expect(Array.from(encoder.encode({}))).toEqual(new Array(64).fill(0));
    const matrix = new Float32Array(3 * 64).fill(7);
    expect(encoder.encodeInto(PASTA, matrix, 0)).toBe(true);
    expect(encoder.encodeInto({ caption: '!!' }, matrix, 64)).toBe(false);
    expect(encoder.encodeInto(PUPPY, matrix, 128)).toBe(true);
    expect(Array.from(matrix.subarray(0, 64))).toEqual(Array.from(encoder.encode(PASTA)));
    expect(Array.from(matrix.subarray(64, 128))).toEqual(new Array(64).fill(0));
    expect(() => encoder.encodeInto(PASTA, matrix, 150)).toThrow(RangeError);
  });

  it('is a pure function of seed and data, and survives JSON', () => {
    const again = new ContentEncoder().fit(CATALOG);
    expect(Array.from(again.encode(PUPPY))).toEqual(Array.from(encoder.encode(PUPPY)));
    const other = new ContentEncoder({ seed: 9 }).fit(CATALOG);
    expect(Array.from(other.encode(PUPPY))).not.toEqual(Array.from(encoder.encode(PUPPY)));
    const restored = ContentEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
    expect(Array.from(restored.encode(PASTA2))).toEqual(Array.from(encoder.encode(PASTA2)));
    // Tokens that are Object.prototype's keys are data like any other.
    const odd = new ContentEncoder().fit([{ caption: '__proto__ constructor' }]);
    expect(ContentEncoder.fromJSON(JSON.parse(JSON.stringify(odd.toJSON()))).idfOf('__proto__')).toBe(
      odd.idfOf('__proto__'),
    );
  });

  it('separates simulated topics: same-topic pairs are far more alike than different-topic ones', () => {
    const world = generateWorld({ seed: 41, videos: 10_000, creators: 400 });
    const topics = new HashtagTopicModel().fit(world.items);
    for (const [label, enc] of [
      ['text only', new ContentEncoder().fit(world.items)],
      ['with topics', new ContentEncoder({ topics }).fit(world.items)],
    ] as const) {
      const started = performance.now();
      const vectors = new Float32Array(world.items.length * enc.dims);
      world.items.forEach((item, i) => enc.encodeInto(item, vectors, i * enc.dims));
      const ms = performance.now() - started;
      const row = (i: number): Float32Array => vectors.subarray(i * enc.dims, (i + 1) * enc.dims);
      const rng = new Rng(3);
      const sums = { same: 0, sameN: 0, diff: 0, diffN: 0 };
      for (let k = 0; k < 50_000; k++) {
        const i = rng.int(world.items.length);
        const j = rng.int(world.items.length);
        if (i === j) continue;
        const c = cosine(row(i), row(j));
        if (world.hidden.primaryTopic[i] === world.hidden.primaryTopic[j])
          [sums.same, sums.sameN] = [sums.same + c, sums.sameN + 1];
        else [sums.diff, sums.diffN] = [sums.diff + c, sums.diffN + 1];
      }
      const same = sums.same / sums.sameN;
      const diff = sums.diff / sums.diffN;
      console.log(
        `content embedding (${label}): encoded ${world.items.length} items in ${ms.toFixed(0)} ms; ` +
          `mean cosine same topic ${same.toFixed(3)} (${sums.sameN} pairs), different ${diff.toFixed(3)}`,
      );
      expect(same - diff).toBeGreaterThan(0.2);
    }
  });
});
