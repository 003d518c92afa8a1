import { describe, expect, it } from 'vitest';
import type { Item } from '../core/index.js';
import { ItemLabeller } from './labels.js';

const item = (id: string, extra: Partial<Item>): Item => ({
  id,
  creatorId: 'c',
  durationMs: 1000,
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('ItemLabeller', () => {
  it('predicts topics from hashtags and detects the language where the uploader gave none', () => {
    const items: Item[] = [];
    for (let i = 0; i < 15; i++) {
      items.push(item(`c${i}`, { hashtags: ['kitten', 'meow', 'fyp'], topics: ['cats'] }));
      items.push(item(`d${i}`, { hashtags: ['puppy', 'woof', 'fyp'], topics: ['dogs'] }));
    }
    const labeller = new ItemLabeller().fit(items);
    const unlabelled = {
      item: item('x', { hashtags: ['puppy', 'fyp'], caption: 'mi perro es el mejor amigo que tengo #puppy' }),
    };
    expect(labeller.of(unlabelled)).toEqual({ topics: ['dogs'], language: 'es' });
    // What the uploader says wins.
    const given = { item: item('y', { hashtags: ['puppy'], topics: ['pets'], language: 'fr' }) };
    expect(labeller.of(given)).toEqual({ topics: ['pets'], language: 'fr' });
    // Too little to learn from: topics stay as given (none).
    expect(new ItemLabeller().fit(items.slice(0, 4)).of(unlabelled).topics).toEqual([]);
  });
});
