import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './loaders/index.js';
import { SourcesRecommender } from './sources-recommender.js';
import { fixtureDir } from './testing.js';

describe('SourcesRecommender', () => {
  it("scores a user's own block of items above the other block, from the feed's sources", () => {
    // Two tastes: users 1-10 rate items 1-12, users 11-20 rate items 13-24, in short sessions.
    const lines: string[] = [];
    for (let u = 1; u <= 20; u++) {
      const base = u <= 10 ? 0 : 12;
      for (let k = 0; k < 8; k++) {
        const item = base + 1 + ((u + k) % 12);
        lines.push(`${u}\t${item}\t${4 + (k % 2)}\t${1_700_000_000 + u * 10_000 + k * 60}`);
      }
    }
    const data = loadDataset(join(fixtureDir({ 'ratings.tsv': lines.join('\n') }), 'ratings.tsv'));
    const model = new SourcesRecommender();
    try {
      model.fit(data);
      const scores = new Float32Array(data.nItems);
      model.scoreUser(data.userIndex.get('1')!, scores);
      const seen = new Set(lines.filter((l) => l.startsWith('1\t')).map((l) => l.split('\t')[1]!));
      const ranked = data.itemIds
        .map((id, i) => ({ id, score: scores[i]! }))
        .filter((x) => !seen.has(x.id) && x.score > -Infinity)
        .sort((a, b) => b.score - a.score)
        .slice(0, 4);
      expect(ranked.length).toBe(4);
      for (const { id } of ranked) expect(Number(id)).toBeLessThanOrEqual(12);
    } finally {
      model.close();
    }
  });
});
