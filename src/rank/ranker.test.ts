import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candidate, FeedQuery } from '../core/index.js';
import {
  DEFAULT_HEAD_WEIGHTS,
  HEADS,
  MODEL_FILE,
  ModelRegistry,
  MultiTaskFtrl,
  RANKER_MODEL,
  blend,
  rankerInput,
  type HeadScores,
} from '../models/index.js';
import { LearnedScorer, RankerModel } from './ranker.js';

const cand = (id: string, source: string, score: number): Candidate => ({
  itemId: id,
  entry: {
    item: { id, creatorId: 'c', caption: '', hashtags: [], durationMs: 1, createdAt: '2026-01-01T00:00:00Z' },
    createdAtMs: 0,
    seq: 0,
    ordinal: 0,
  },
  source,
  sourceRank: 0,
  sources: [source],
  sourceScores: [0],
  sourceRanks: [0],
  features: { freshness: 0.5, trending: 3 },
  score,
});
const query = () =>
  ({
    request: { requestId: 'r', userId: 'u', n: 10, now: 0 },
    exclude: new Set<string>(),
  }) as unknown as FeedQuery;
const settings = { headWeights: { ...DEFAULT_HEAD_WEIGHTS }, scoreWeight: 2 };

/** A model that has learned that videos from `good` are finished, liked... and the others skipped. */
function modelFavouring(good: string): MultiTaskFtrl {
  const model = new MultiTaskFtrl({ bits: 12 });
  for (let i = 0; i < 400; i++) {
    const source = i % 2 === 0 ? 'trending' : 'fresh';
    const y = source === good ? 1 : 0;
    const labels = Object.fromEntries(HEADS.map((h) => [h, h === 'quickSkip' ? 1 - y : y])) as HeadScores;
    model.update(model.encode(rankerInput({ freshness: 0.5, trending: 3 }, source, i % 5)), labels);
  }
  return model;
}

describe('RankerModel and LearnedScorer', () => {
  let dir: string;
  let registry: ModelRegistry;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foryou-ranker-'));
    registry = new ModelRegistry(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const publish = (model: MultiTaskFtrl) =>
    registry.register(RANKER_MODEL, model.toArtifact(), { trainedAt: new Date(0) }).version;

  it('leaves scores untouched until a model is published', () => {
    const ranker = new RankerModel(registry);
    expect(ranker.maintain(0)).toBe(false);
    const scorer = new LearnedScorer(ranker, settings);
    const candidates = [cand('a', 'trending', 1.5), cand('b', 'fresh', 0.5)];
    scorer.score(query(), candidates);
    expect(candidates.map((c) => c.score)).toEqual([1.5, 0.5]);
    expect(candidates[0]!.features.model_score).toBeUndefined();
  });

  it('scores with the newest version: weight times the blend of heads, added to the score', () => {
    const model = modelFavouring('trending');
    publish(model);
    const ranker = new RankerModel(registry);
    expect(ranker.maintain(0)).toBe(true);
    expect(ranker.current?.version).toBe(1);
    const candidates = [cand('a', 'trending', 1), cand('b', 'fresh', 1)];
    new LearnedScorer(ranker, settings).score(query(), candidates);
    for (const c of candidates) {
      // candidates are scored at position 0, with the float32 weights of the served copy
      const expected = blend(
        model.scores(model.encode(rankerInput(c.features, c.source, 0))),
        DEFAULT_HEAD_WEIGHTS,
        c.entry.item.durationMs,
      );
      expect(c.features.model_score).toBeCloseTo(expected, 5);
      expect(c.score).toBeCloseTo(1 + 2 * expected, 5);
    }
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score + 1);
  });

  it('serves a pinned version and never a newer one', () => {
    publish(modelFavouring('trending'));
    publish(modelFavouring('fresh'));
    const pinned = new RankerModel(registry, { version: 1 });
    expect(pinned.maintain(0)).toBe(true);
    publish(modelFavouring('trending'));
    expect(pinned.maintain(10_000, true)).toBe(false);
    expect(pinned.current?.version).toBe(1);
    const candidates = [cand('a', 'trending', 1), cand('b', 'fresh', 1)];
    new LearnedScorer(pinned, settings).score(query(), candidates);
    expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score + 1);
  });

  it('swaps to a new version between requests, never within one', () => {
    publish(modelFavouring('trending'));
    const ranker = new RankerModel(registry, { pollEveryMs: 1000 });
    ranker.maintain(0);
    const scorer = new LearnedScorer(ranker, settings);
    const before = query();
    scorer.hydrate(before); // the request starts with version 1

    expect(publish(modelFavouring('fresh'))).toBe(2);
    expect(ranker.maintain(500)).toBe(false); // polled less than a second ago
    expect(ranker.maintain(1000)).toBe(true);
    expect(ranker.current?.version).toBe(2);

    const old = [cand('a', 'trending', 0), cand('b', 'fresh', 0)];
    scorer.score(before, old); // finishes with the model it started with
    expect(old[0]!.score).toBeGreaterThan(old[1]!.score);

    const later = query();
    scorer.hydrate(later);
    const fresh = [cand('a', 'trending', 0), cand('b', 'fresh', 0)];
    scorer.score(later, fresh);
    expect(fresh[1]!.score).toBeGreaterThan(fresh[0]!.score);
  });

  it('keeps serving the old version when a new one cannot be loaded', () => {
    publish(modelFavouring('trending'));
    const errors: string[] = [];
    const ranker = new RankerModel(registry, { onError: (what) => errors.push(what) });
    ranker.maintain(0);
    const v2 = registry.register(RANKER_MODEL, modelFavouring('fresh').toArtifact(), {
      trainedAt: new Date(0),
    });
    writeFileSync(join(v2.dir, MODEL_FILE), 'not a model');
    expect(ranker.maintain(0, true)).toBe(false);
    expect(errors).toEqual(['ranker model']);
    expect(ranker.current?.version).toBe(1);
  });
});
