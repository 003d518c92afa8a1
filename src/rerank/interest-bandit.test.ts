import { describe, expect, it } from 'vitest';
import { emptyProfile, type Candidate, type CatalogItem } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { InterestBanditScorer, type InterestBanditOptions } from './interest-bandit.js';
import { cand, queryFor } from './test-candidates.js';

const MIN = 60_000;
const NOW = 1000 * MIN;
const TOPICS = ['dance', 'food', 'pets', 'cars', 'books', 'music', 'travel', 'gaming'];
const options: InterestBanditOptions = {
  weight: 2,
  alpha: 1,
  beta: 1,
  sessionMs: 30 * MIN,
  maxEngagements: 10,
};

/** 40 videos per topic, all scored alike: only the bandit tells them apart. */
function catalogOf(): Candidate[] {
  const out: Candidate[] = [];
  for (const t of TOPICS)
    for (let i = 0; i < 40; i++) out.push(cand(`${t}${i}`, `${t}-c${i}`, 1, { topics: [t] }));
  return out;
}

/** A user who engages with every video of `liked` and with nothing else, served pages by the bandit. */
function session(liked: string, pages: number, maxEngagements = 1000) {
  const all = catalogOf();
  const catalog = new Map<string, CatalogItem>(all.map((c) => [c.itemId, c.entry]));
  const served = new Set<string>();
  const profile = emptyProfile('u', NOW);
  const scorer = new InterestBanditScorer({ recent: () => served }, catalog, new ItemLabeller(), {
    ...options,
    maxEngagements,
  });
  const likedShare: number[] = [];
  for (let p = 0; p < pages; p++) {
    const query = queryFor('u', NOW, profile.recent.length > 0 ? profile : null, `r${p}`);
    scorer.hydrate(query);
    const candidates = all.filter((c) => !served.has(c.itemId)).map((c) => ({ ...c, score: 1 }));
    scorer.score(query, candidates);
    // at most five of a topic on a page, as a topic-spread rule would lay pages out
    const perTopic = new Map<string, number>();
    const page = candidates
      .sort((a, b) => b.score - a.score)
      .filter((c) => {
        const t = c.entry.item.topics![0]!;
        perTopic.set(t, (perTopic.get(t) ?? 0) + 1);
        return perTopic.get(t)! <= 5;
      })
      .slice(0, 10);
    let hits = 0;
    for (const c of page) {
      served.add(c.itemId);
      if (c.entry.item.topics![0] === liked) {
        hits += 1;
        profile.recent.push({ itemId: c.itemId, ts: NOW - MIN, weight: 1, completed: true });
      }
    }
    likedShare.push(hits / page.length);
  }
  return likedShare;
}

describe('InterestBanditScorer', () => {
  it('gives a new user a spread of topics, drawn afresh per request and the same for the same request', () => {
    const all = catalogOf();
    const catalog = new Map<string, CatalogItem>(all.map((c) => [c.itemId, c.entry]));
    const scorer = new InterestBanditScorer(
      { recent: () => new Set() },
      catalog,
      new ItemLabeller(),
      options,
    );
    const bonuses = (requestId: string) => {
      const query = queryFor('u', NOW, null, requestId);
      scorer.hydrate(query);
      const candidates = all.map((c) => ({ ...c, score: 0 }));
      scorer.score(query, candidates);
      return TOPICS.map((t) => candidates.find((c) => c.itemId === `${t}0`)!.score);
    };
    const a = bonuses('r1');
    for (const b of a) expect(b).toBeGreaterThanOrEqual(0);
    for (const b of a) expect(b).toBeLessThanOrEqual(options.weight);
    expect(new Set(a).size).toBe(TOPICS.length); // every topic its own draw
    expect(bonuses('r1')).toEqual(a);
    expect(bonuses('r2')).not.toEqual(a);
  });

  it('converges on the topic the user engages with within a session', () => {
    const share = session('gaming', 8);
    // the liked topic (last in catalog order, so ties alone would never reach it) is found within a
    // few pages, then holds the most places a page gives one topic
    expect(share.findIndex((s) => s > 0)).toBeLessThanOrEqual(3);
    expect(share.slice(4)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('steps aside once the profile holds enough engagements', () => {
    const share = session('gaming', 8, 3);
    // after three engagements it adds nothing: ties stay in catalog order, where gaming comes last
    expect(share.slice(4)).toEqual([0, 0, 0, 0]);
  });
});
