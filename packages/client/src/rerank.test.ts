import { describe, expect, it } from 'vitest';
import { SessionSignals, rerank, type ClientModel } from './rerank.js';
import { WatchTracker, type VisibilitySource } from './watch-tracker.js';

const model: ClientModel = {
  version: 't',
  decay: 0.9,
  weights: {
    serverRank: 1,
    topicDwell: 1,
    topicSkip: -1,
    topicLike: 0.5,
    creatorDwell: 0.3,
    creatorSkip: -0.5,
    sameTopicAsLast: 0,
  },
};
const c = (itemId: string, topic: string, creatorId = `c-${itemId}`) => ({
  itemId,
  creatorId,
  topics: [topic],
});
const page = [c('a', 'food'), c('b', 'pets'), c('c', 'food'), c('d', 'pets'), c('e', 'cars')];

describe('on-device re-ranking', () => {
  it('keeps the engine order when the session has said nothing', () => {
    expect(rerank(model, new SessionSignals(0.9), page).map((x) => x.itemId)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('pushes a quickly skipped topic down and pulls a dwelt-on one up', () => {
    const s = new SessionSignals(0.9);
    s.observe({ itemId: 'x', creatorId: 'cx', topics: ['food'], watchRatio: 0.02, quickSkip: true });
    s.observe({
      itemId: 'y',
      creatorId: 'cy',
      topics: ['pets'],
      watchRatio: 1.4,
      quickSkip: false,
      liked: true,
    });
    const order = rerank(model, s, page).map((x) => x.itemId);
    // Pets first; food falls below them, the lower-ranked food video below the untouched cars.
    expect(order).toEqual(['b', 'd', 'a', 'e', 'c']);
  });

  it('forgets with decay: an old skip weighs less than a new one', () => {
    const s = new SessionSignals(0.5);
    s.observe({ itemId: 'x', creatorId: 'cx', topics: ['food'], watchRatio: 0, quickSkip: true });
    const fresh = s.features(c('a', 'food')).topicSkip;
    for (let i = 0; i < 3; i++)
      s.observe({ itemId: `z${i}`, creatorId: 'cz', topics: ['cars'], watchRatio: 0.5, quickSkip: false });
    expect(s.features(c('a', 'food')).topicSkip).toBeCloseTo(fresh / 8);
  });
});

describe('watch tracker', () => {
  it('counts only visible time, derives loops, and calls a short view a quick skip', () => {
    let t = 0;
    const listeners: (() => void)[] = [];
    const doc = {
      visibilityState: 'visible',
      addEventListener: (_: string, l: () => void) => listeners.push(l),
      removeEventListener: () => undefined,
    } satisfies VisibilitySource & { visibilityState: string };
    const tracker = new WatchTracker({ now: () => t, visibility: doc });
    tracker.begin('v1', 10_000);
    t = 25_000;
    doc.visibilityState = 'hidden';
    listeners.forEach((l) => l());
    t = 100_000; // hidden: does not count
    doc.visibilityState = 'visible';
    listeners.forEach((l) => l());
    t = 105_000;
    const first = tracker.begin('v2', 10_000)!;
    expect(first.watchMs).toBe(30_000);
    expect(first.loops).toBe(3);
    expect(first.quickSkip).toBe(false);
    t += 400;
    tracker.loop();
    const second = tracker.end()!;
    expect(second).toMatchObject({ itemId: 'v2', watchMs: 400, loops: 1, quickSkip: true });
  });
});
