import { describe, expect, it } from 'vitest';
import { compileValidator, Event } from '../core/index.js';
import {
  appeal,
  appealAll,
  baseAppeal,
  expectedWatchMs,
  newOutcome,
  recordExposure,
  sampleView,
  skipProbability,
} from './behaviour.js';
import { EventIds, viewEvents } from './events.js';
import { Rng } from '../core/index.js';
import { generateUsers, startSession } from './users.js';
import { generateWorld } from './world.js';

describe('behaviour model', () => {
  it('draws views whose mean watch time is the expectation the oracle ranks by', () => {
    const rng = new Rng(1);
    const out = newOutcome();
    for (const [z, durationMs] of [
      [-1, 15_000],
      [0.5, 30_000],
      [2.5, 9_000],
    ] as const) {
      let total = 0;
      const n = 40_000;
      for (let i = 0; i < n; i++) total += sampleView(rng, z, durationMs, true, out).watchMs;
      expect(Math.abs(total / n / expectedWatchMs(z, durationMs) - 1)).toBeLessThan(0.02);
    }
  });

  it('watches loved short videos longer, loops them, and skips disliked ones', () => {
    expect(expectedWatchMs(2, 10_000)).toBeGreaterThan(expectedWatchMs(0, 10_000));
    expect(expectedWatchMs(0, 10_000)).toBeGreaterThan(expectedWatchMs(-2, 10_000));
    expect(skipProbability(-2)).toBeGreaterThan(0.7);
    expect(skipProbability(2)).toBeLessThan(0.02);
    const rng = new Rng(2);
    const out = newOutcome();
    let loops = 0;
    let quickSkips = 0;
    for (let i = 0; i < 2000; i++) {
      sampleView(rng, 3, 8000, true, out);
      loops += out.loops;
      if (out.loops > 0) expect(out.completed).toBe(true);
      if (out.completed) expect(out.watchMs).toBe(8000 * (1 + out.loops));
      sampleView(rng, -2.5, 8000, true, out);
      if (out.quickSkip) {
        quickSkips++;
        expect(out.watchMs).toBeLessThan(1000);
        expect(out.like).toBe(false);
      }
    }
    expect(loops / 2000).toBeGreaterThan(0.3);
    expect(quickSkips / 2000).toBeGreaterThan(0.8);
  });

  it('tires of a creator or topic within a session, and forgets at the next', () => {
    const world = generateWorld({ seed: 3, videos: 500, creators: 40 });
    const [user] = generateUsers(world, { count: 1, seed: 3 });
    const rng = new Rng(3);
    startSession(user!, rng);
    const fresh = appeal(world, user!, 0);
    expect(fresh).toBe(baseAppeal(world, user!, 0));
    recordExposure(world, user!, 0);
    const tired = appeal(world, user!, 0);
    expect(tired).toBeLessThan(fresh - 0.4);
    recordExposure(world, user!, 0);
    recordExposure(world, user!, 0);
    expect(appeal(world, user!, 0)).toBeLessThan(tired);
    startSession(user!, rng);
    expect(appeal(world, user!, 0)).toBe(baseAppeal(world, user!, 0));
  });

  it('computes the whole catalog at once as baseAppeal does one video', () => {
    const world = generateWorld({ seed: 4, videos: 800, creators: 50 });
    const [user] = generateUsers(world, { count: 1, seed: 4 });
    user!.followed.add(world.hidden.creator[5]!);
    const mask = new Uint8Array(world.hidden.count);
    mask[7] = 1;
    const out = new Float32Array(world.hidden.count);
    const packed = new Float32Array(world.hidden.count);
    expect(appealAll(world, user!, mask, out, packed)).toBe(world.hidden.count - 1);
    expect(out[7]).toBe(-Infinity);
    for (const v of [0, 5, 100, 799]) expect(out[v]).toBeCloseTo(baseAppeal(world, user!, v), 4);
  });
});

describe('view events', () => {
  it('are what a client sends: impression first, then reactions, then watch or skip', () => {
    const world = generateWorld({ seed: 5, videos: 50, creators: 5 });
    const [user] = generateUsers(world, { count: 1, seed: 5, idPrefix: 't-' });
    const ids = new EventIds('run-', 1);
    const events: Event[] = [];
    const outcome = { ...newOutcome(), watchMs: 24_000, loops: 1, completed: true, like: true, follow: true };
    const view = {
      user: user!,
      itemId: 'v00001',
      creatorId: 'c0001',
      durationMs: 12_000,
      requestId: 'r1',
      position: 3,
    };
    viewEvents(ids, { ...view, start: Date.UTC(2026, 0, 1) }, outcome, events);
    viewEvents(
      ids,
      { ...view, start: Date.UTC(2026, 0, 1, 0, 1) },
      { ...newOutcome(), watchMs: 500, quickSkip: true },
      events,
    );
    expect(events.map((e) => e.type)).toEqual([
      'impression',
      'like',
      'follow',
      'watch',
      'impression',
      'skip',
    ]);
    const check = compileValidator(Event);
    for (const e of events) expect(check.errors(e)).toEqual([]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const watch = events[3]!;
    expect(watch).toMatchObject({
      watchMs: 24_000,
      durationMs: 12_000,
      loops: 1,
      requestId: 'r1',
      position: 3,
    });
    expect(events[2]!.creatorId).toBe('c0001');
    expect(events[0]!.context).toMatchObject({ os: expect.any(String), locale: expect.any(String) });
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
