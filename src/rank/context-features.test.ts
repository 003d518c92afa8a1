import { describe, expect, it } from 'vitest';
import type { Candidate, FeedQuery, Item } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { ContextFeatureHydrator, momentFeatures } from './context-features.js';

const item = (id: string, language?: string): Candidate => {
  const it: Item = {
    id,
    creatorId: 'c',
    caption: '',
    hashtags: [],
    durationMs: 10_000,
    createdAt: '2026-01-01T00:00:00Z',
  };
  if (language) it.language = language;
  return {
    itemId: id,
    entry: { item: it, createdAtMs: 0, seq: 0, ordinal: 0 },
    source: 's',
    sourceRank: 0,
    sources: ['s'],
    sourceScores: [0],
    sourceRanks: [0],
    features: {},
    score: 0,
  };
};
// Friday 2026-12-04 23:30 UTC: Saturday 08:30 in Tokyo
const NOW = Date.parse('2026-12-04T23:30:00Z');

describe('context features', () => {
  it('gives the hour and weekday in the user’s time zone, UTC without one, nothing for an unknown zone', () => {
    expect(momentFeatures(NOW, 'Asia/Tokyo')).toEqual(['ctx_hour=8', 'ctx_day=Sat']);
    expect(momentFeatures(NOW, undefined)).toEqual(['ctx_hour=23', 'ctx_day=Fri']);
    expect(momentFeatures(NOW, 'Not/AZone')).toEqual([]);
  });

  it('marks videos not in the user’s language, and sets the device’s platform and network', () => {
    const query = {
      request: {
        requestId: 'r',
        userId: 'u',
        n: 10,
        now: NOW,
        context: { locale: 'pt-BR', os: 'iOS', network: 'wifi', timezone: 'America/Sao_Paulo' },
      },
      user: null,
      profile: null,
      exclude: new Set(),
    } as FeedQuery;
    const candidates = [item('pt', 'pt-PT'), item('en', 'en'), item('unknown')];
    new ContextFeatureHydrator(new ItemLabeller()).hydrate(query, candidates);
    expect(candidates[0]!.features).toEqual({
      'ctx_hour=20': 1,
      'ctx_day=Fri': 1,
      'ctx_os=ios': 1,
      'ctx_network=wifi': 1,
    });
    expect(candidates[1]!.features.lang_mismatch).toBe(1);
    // no caption to detect a language from, none given: not judged
    expect(candidates[2]!.features.lang_mismatch).toBeUndefined();
    // a registered locale wins over the device's
    const registered = {
      ...query,
      user: { id: 'u', locale: 'en-US', createdAt: '2026-01-01T00:00:00Z' },
    } as FeedQuery;
    const again = [item('pt', 'pt-PT'), item('en', 'en')];
    new ContextFeatureHydrator(new ItemLabeller()).hydrate(registered, again);
    expect(again.map((c) => c.features.lang_mismatch)).toEqual([1, undefined]);
  });
});
