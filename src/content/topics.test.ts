import { describe, expect, it } from 'vitest';
import { Rng } from '../core/index.js';
import { generateWorld } from '../sim/world.js';
import { GENERIC_TAGS } from '../sim/vocab.js';
import { HashtagTopicModel, type TopicItem } from './topics.js';

/** A tiny catalog: two topics, a generic tag everywhere, inline tags in some captions. */
const HAND: TopicItem[] = [
  { hashtags: ['pasta', 'recipe', 'fyp'], topics: ['food'] },
  { hashtags: ['pasta', 'fyp'], topics: ['food'] },
  { caption: 'Sunday #baking #recipe', topics: ['food'] },
  { hashtags: ['recipe', 'baking'], topics: ['food'] },
  { hashtags: ['puppy', 'dog', 'fyp'], topics: ['pets'] },
  { hashtags: ['dog', 'cute', 'fyp'], topics: ['Pets'] },
  { hashtags: ['puppy', 'cute'], topics: ['pets'] },
  { hashtags: ['dog', 'puppy', 'cute'], topics: ['pets'] },
];

const unlabelled = (items: readonly TopicItem[]): TopicItem[] => items.map(({ topics: _, ...rest }) => rest);

describe('HashtagTopicModel, supervised', () => {
  const model = new HashtagTopicModel().fit(HAND);

  it('labels items by their hashtags, scores normalised and sorted', () => {
    const food = model.predict({ hashtags: ['pasta', 'fyp'] }, 2);
    expect(food.map((s) => s.topic)).toEqual(['food', 'pets']);
    expect(food[0]!.score + food[1]!.score).toBeCloseTo(1, 10);
    expect(food[0]!.score).toBeGreaterThan(0.7);
    expect(model.predict({ caption: 'new #PUPPY 🐶' }, 1)[0]!.topic).toBe('pets');
  });

  it('lets a generic tag say little and an unknown one nothing', () => {
    const generic = model.predict({ hashtags: ['fyp'] });
    expect(Math.abs(generic[0]!.score - generic[1]!.score)).toBeLessThan(0.2);
    expect(model.predict({ hashtags: ['nothing-known'] })).toEqual([]);
    expect(model.predict({})).toEqual([]);
  });

  it('survives JSON', () => {
    const again = HashtagTopicModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(again.predict({ hashtags: ['dog', 'recipe', 'fyp'] })).toEqual(
      model.predict({ hashtags: ['dog', 'recipe', 'fyp'] }),
    );
  });

  it('finds the primary topic of 80% of simulated videos whose topics are hidden', () => {
    const world = generateWorld({ seed: 31, videos: 4000, creators: 250 });
    const rng = new Rng(7);
    const hidden = world.items.map(() => rng.chance(0.2));
    const train = world.items.map((item, i) => (hidden[i] ? { ...item, topics: undefined } : item));
    const model = new HashtagTopicModel().fit(train);
    let right = 0;
    let total = 0;
    world.items.forEach((item, i) => {
      if (!hidden[i]) return;
      total++;
      if (model.predict(item, 1)[0]?.topic === world.topics[world.hidden.primaryTopic[i]!]!.name) right++;
    });
    console.log(
      `topic top-1 accuracy on ${total} held-out simulated videos: ${((100 * right) / total).toFixed(1)}%`,
    );
    expect(right / total).toBeGreaterThanOrEqual(0.8);
  });
});

describe('HashtagTopicModel, unsupervised', () => {
  it('clusters co-occurring hashtags and leaves the generic ones out', () => {
    const items = unlabelled([...HAND, ...HAND, ...HAND]);
    const model = new HashtagTopicModel({ clusters: 2, seed: 3 }).fit(items);
    expect(model.mode).toBe('clustered');
    expect(model.topics).toHaveLength(2);
    expect([...model.topics].sort()).toEqual(['dog', 'pasta']);
    const top = (hashtags: string[]): string | undefined => model.predict({ hashtags }, 1)[0]?.topic;
    expect(top(['pasta'])).toBe(top(['baking']));
    expect(top(['puppy'])).toBe(top(['cute']));
    expect(top(['pasta'])).not.toBe(top(['puppy']));
    expect(top(['fyp'])).toBeUndefined();
  });

  it('recovers the simulated topics from hashtags alone, deterministically', () => {
    const world = generateWorld({ seed: 32, videos: 4000, creators: 250 });
    const items = unlabelled(world.items);
    const model = new HashtagTopicModel({ clusters: world.topics.length, seed: 1 }).fit(items);
    expect(new HashtagTopicModel({ clusters: world.topics.length, seed: 1 }).fit(items).toJSON()).toEqual(
      model.toJSON(),
    );
    expect(model.topics.filter((t) => GENERIC_TAGS.includes(t))).toEqual([]);
    // Purity: each cluster counted as its most common true primary topic.
    const table = new Map<string, Map<number, number>>();
    world.items.forEach((item, i) => {
      const topic = model.predict(item, 1)[0]?.topic;
      if (topic === undefined) return;
      const row = table.get(topic) ?? new Map<number, number>();
      table.set(topic, row);
      const truth = world.hidden.primaryTopic[i]!;
      row.set(truth, (row.get(truth) ?? 0) + 1);
    });
    let majority = 0;
    let labelled = 0;
    for (const row of table.values()) {
      majority += Math.max(...row.values());
      for (const n of row.values()) labelled += n;
    }
    console.log(
      `hashtag clusters: purity ${((100 * majority) / labelled).toFixed(1)}% over ${labelled} videos; ` +
        `topics ${model.topics.join(', ')}`,
    );
    expect(labelled / world.items.length).toBeGreaterThan(0.95);
    expect(majority / labelled).toBeGreaterThanOrEqual(0.75);
  });
});
