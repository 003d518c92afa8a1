import { describe, expect, it } from 'vitest';
import { compileValidator, Creator, Item } from '../core/index.js';
import { generateWorld, TOPICS_PER_VIDEO } from './world.js';

const NOW = Date.UTC(2026, 10, 28);

describe('generateWorld', () => {
  const world = generateWorld({ seed: 11, videos: 3000, creators: 150, now: NOW, futureHours: 24 });

  it('is a pure function of its seed', () => {
    const again = generateWorld({ seed: 11, videos: 3000, creators: 150, now: NOW, futureHours: 24 });
    expect(again.items).toEqual(world.items);
    expect(again.creators).toEqual(world.creators);
    expect(Array.from(again.hidden.quality)).toEqual(Array.from(world.hidden.quality));
    const other = generateWorld({ seed: 12, videos: 3000, creators: 150, now: NOW });
    expect(
      other.items[0]!.caption === world.items[0]!.caption &&
        other.items[1]!.caption === world.items[1]!.caption,
    ).toBe(false);
  });

  it('produces items and creators the foryou schemas accept', () => {
    const items = compileValidator(Item);
    const creators = compileValidator(Creator);
    const bad = world.items.filter((i) => !items.check(i));
    expect(bad.map((i) => items.errors(i))).toEqual([]);
    expect(world.creators.every((c) => creators.check(c))).toBe(true);
    expect(new Set(world.items.map((i) => i.id)).size).toBe(world.items.length);
  });

  it('has realistic durations, upload times, sounds and some non-English captions', () => {
    const h = world.hidden;
    const durations = Array.from(h.durationMs).sort((a, b) => a - b);
    expect(durations[0]).toBeGreaterThanOrEqual(5000);
    expect(durations[durations.length - 1]).toBeLessThanOrEqual(180_000);
    expect(durations[Math.floor(durations.length / 2)]).toBeLessThan(30_000); // skewed short
    const past = world.items.filter((i) => Date.parse(i.createdAt) <= NOW);
    expect(past).toHaveLength(3000);
    expect(past.every((i) => Date.parse(i.createdAt) >= NOW - 30 * 86_400_000)).toBe(true);
    // 24 h of a 30-day upload rate: about 100 videos still to come.
    expect(world.items.length - 3000).toBe(100);
    expect(new Set(world.items.map((i) => i.soundId)).size).toBeLessThan(world.items.length / 10);
    // Letters beyond ASCII (accents, CJK, Devanagari, Arabic), emoji aside.
    const nonAscii = world.items.filter((i) =>
      /[^ -~]/u.test((i.caption ?? '').replace(/\p{Extended_Pictographic}|\uFE0F/gu, '')),
    );
    expect(nonAscii.length).toBeGreaterThan(20);
    const scripts =
      /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Hangul}|\p{Script=Devanagari}|\p{Script=Arabic}/u;
    expect(world.items.filter((i) => scripts.test(i.caption ?? '')).length).toBeGreaterThan(10);
    expect(new Set(world.items.map((i) => i.language)).size).toBeGreaterThan(4);
    for (const item of world.items.slice(0, 200)) {
      for (const tag of item.hashtags ?? []) expect(item.caption).toContain(`#${tag}`);
    }
  });

  it('puts each video mostly on its creator topics, in at most 3 topics', () => {
    const h = world.hidden;
    let onHome = 0;
    for (let v = 0; v < h.count; v++) {
      let sum = 0;
      let nonZero = 0;
      for (let k = 0; k < h.dim; k++) {
        sum += h.topicVectors[v * h.dim + k]!;
        if (h.topicVectors[v * h.dim + k]! > 0) nonZero++;
      }
      expect(sum).toBeCloseTo(1, 4);
      expect(nonZero).toBeLessThanOrEqual(TOPICS_PER_VIDEO);
      if (world.simCreators[h.creator[v]!]!.topics.includes(h.primaryTopic[v]!)) onHome++;
    }
    expect(onHome / h.count).toBeGreaterThan(0.9);
    expect(world.items[0]!.topics).toEqual([world.topics[h.primaryTopic[0]!]!.name]);
  });

  it('builds the default 10,000-video world quickly', () => {
    const t0 = performance.now();
    const big = generateWorld({ seed: 1 });
    const ms = performance.now() - t0;
    expect(big.items).toHaveLength(10_000);
    expect(big.creators).toHaveLength(500);
    expect(big.topics).toHaveLength(20);
    expect(ms).toBeLessThan(2000); // 175-250 ms on the 2-core bench machine; slack for busy CI
  });
});
