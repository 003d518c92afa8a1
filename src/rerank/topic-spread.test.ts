import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { TopicSpreadSelector } from './topic-spread.js';
import { cand, ids, queryFor } from './test-candidates.js';

const labeller = new ItemLabeller(); // unfitted: the uploader's topics, as given
const query = queryFor();
const t = (id: string, ...topics: string[]) => cand(id, `c-${id}`, 0, { topics });

describe('TopicSpreadSelector', () => {
  it('moves up the best candidate that does not crowd a topic in the window', () => {
    const spread = new TopicSpreadSelector(labeller, { window: 3, maxPerTopic: 1, lookahead: 50 });
    const ranked = [t('a1', 'dance'), t('a2', 'dance'), t('a3', 'dance'), t('b', 'food'), t('c', 'pets')];
    const out = spread.select(query, ranked, 5);
    expect(ids(out)).toEqual(['a1', 'b', 'c', 'a2', 'a3']);
    expect(out[1]!.reasons).toEqual(['topic_spread']);
    expect(out[3]!.reasons).toBeUndefined();
  });

  it('counts every topic of a video, and lets untopiced videos pass', () => {
    const spread = new TopicSpreadSelector(labeller, { window: 2, maxPerTopic: 1, lookahead: 50 });
    const ranked = [t('ab', 'a', 'b'), t('b', 'b'), t('none'), t('a', 'a'), t('c', 'c')];
    expect(ids(spread.select(query, ranked, 5))).toEqual(['ab', 'none', 'b', 'a', 'c']);
  });

  it('takes the best anyway when nothing within the lookahead fits, and keeps the rest in order', () => {
    const spread = new TopicSpreadSelector(labeller, { window: 3, maxPerTopic: 1, lookahead: 2 });
    const ranked = [t('a1', 'x'), t('a2', 'x'), t('a3', 'x'), t('b', 'y'), t('a4', 'x')];
    expect(ids(spread.select(query, ranked, 2))).toEqual(['a1', 'a2', 'a3', 'b', 'a4']);
  });

  it('property: with enough topics, no window holds a topic too often, and nothing is lost', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 200; trial++) {
      const window = 2 + rng.int(4);
      const max = 1 + rng.int(2);
      const spread = new TopicSpreadSelector(labeller, { window, maxPerTopic: max, lookahead: 1000 });
      const topics = window + 1 + rng.int(5);
      const input = Array.from({ length: 60 }, (_, i) => t(`v${i}`, `topic${rng.int(topics)}`));
      // ...and at least `window` of every topic, so the page can always be filled within the rule
      for (let k = 0; k < topics; k++)
        for (let j = 0; j < window; j++) input.push(t(`extra${k}-${j}`, `topic${k}`));
      const n = 20;
      const out = spread.select(query, input, n);
      expect(new Set(ids(out))).toEqual(new Set(ids(input)));
      for (let end = 1; end <= n; end++) {
        const counts = new Map<string, number>();
        for (const c of out.slice(Math.max(0, end - window), end)) {
          const topic = c.entry.item.topics![0]!;
          counts.set(topic, (counts.get(topic) ?? 0) + 1);
        }
        for (const count of counts.values()) expect(count).toBeLessThanOrEqual(max);
      }
    }
  });
});
