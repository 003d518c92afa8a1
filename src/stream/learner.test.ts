import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/index.js';
import { MODEL_FILE, ModelRegistry, RANKER_MODEL, rankerInput } from '../models/index.js';
import { SampleStore, type NewSample } from '../store/index.js';
import { useTempDb } from '../store/test-db.js';
import { OnlineLearner, sampleLabels } from './learner.js';

const t = useTempDb();

/** Samples where trending-sourced videos are finished and liked far more often than fresh ones. */
function writeSamples(
  store: SampleStore,
  n: number,
  seed: number,
  extra: (i: number) => Record<string, number> = () => ({}),
): void {
  const rand = mulberry32(seed);
  for (let i = 0; i < n; i++) {
    const source = rand() < 0.5 ? 'trending' : 'fresh';
    const good = source === 'trending' ? 0.7 : 0.15;
    const finished = rand() < good;
    store.write({
      requestId: `r${seed}-${i}`,
      userId: `u${i % 7}`,
      itemId: `v${i}`,
      servedAt: 1000 + i,
      closedAt: 2000 + i,
      position: i % 10,
      source,
      score: 1,
      features: { freshness: rand(), trending: rand() * 10, ...extra(i) },
      watchRatio: finished ? 1 : rand() * 0.5,
      finished,
      liked: rand() < good / 3,
      shared: rand() < good / 10,
      followed: rand() < good / 20,
      quickSkip: !finished && rand() < 0.5,
    } satisfies NewSample);
  }
}

const input = (source: string) => rankerInput({ freshness: 0.5, trending: 5 }, source, 0);
const options = { publishEveryMs: 5000, ftrl: { bits: 12 } };

describe('OnlineLearner', () => {
  it('learns new samples and publishes version 1 once publishEveryMs has passed', () => {
    const store = new SampleStore(t.db);
    const registry = new ModelRegistry(join(t.dir, 'models'));
    writeSamples(store, 800, 1);
    const learner = new OnlineLearner(store, registry, options);
    expect(learner.step(10_000)).toEqual({ learned: 800, published: null });
    expect(learner.step(14_999)).toEqual({ learned: 0, published: null });
    const { published } = learner.step(15_000);
    expect(published?.version).toBe(1);
    const meta = registry.meta(RANKER_MODEL, 1);
    expect(meta.model).toBe('multi-task-ftrl');
    expect(meta.dataSummary).toMatchObject({ samplesOffset: 800, samples: 800 });
    // progressive validation: every sample scored before it was learned
    expect(meta.metrics.progressive_samples).toBe(800);
    for (const head of ['finish', 'watch', 'like', 'share', 'follow', 'quickSkip'])
      expect(meta.metrics[`${head}_logloss`]).toBeGreaterThan(0);
    expect(meta.metrics.finish_auc).toBeGreaterThan(0.65); // the source alone separates 0.7 from 0.15
    expect(meta.metrics.finish_logloss).toBeLessThan(Math.log(2));
    const trending = learner.scores(input('trending'));
    const fresh = learner.scores(input('fresh'));
    expect(trending.finish).toBeGreaterThan(fresh.finish + 0.3);
    expect(trending.quickSkip).toBeLessThan(fresh.quickSkip);
    // nothing new: nothing published, however long it waits
    expect(learner.step(60_000).published).toBeNull();
  });

  it('restarts from the newest version without relearning, and reaches the uninterrupted result', () => {
    const store = new SampleStore(t.db);
    writeSamples(store, 300, 1);
    const registry = new ModelRegistry(join(t.dir, 'models'));
    const first = new OnlineLearner(store, registry, options);
    first.step(0);
    expect(first.publish(1)?.version).toBe(1);
    writeSamples(store, 200, 2);
    first.step(2); // learns 200 more, then "crashes" before publishing them

    const restarted = new OnlineLearner(store, registry, options);
    expect(restarted.position).toBe(300);
    expect(restarted.learned).toBe(300);
    expect(restarted.step(3).learned).toBe(200); // only the unpublished samples, once
    expect(restarted.step(4).learned).toBe(0);

    // the same state as a learner that never stopped
    const other = new ModelRegistry(join(t.dir, 'other-models'));
    const uninterrupted = new OnlineLearner(store, other, options);
    uninterrupted.step(0);
    for (const source of ['trending', 'fresh'])
      expect(restarted.scores(input(source))).toEqual(uninterrupted.scores(input(source)));
    expect(restarted.scores(input('trending'))).toEqual(first.scores(input('trending')));
    const v2 = restarted.publish(5);
    expect(v2?.version).toBe(2);
    expect(registry.meta(RANKER_MODEL, 2).dataSummary).toMatchObject({ samplesOffset: 500, samples: 500 });
  });

  it('resumes from the version before a newest one that cannot be read', () => {
    const store = new SampleStore(t.db);
    const registry = new ModelRegistry(join(t.dir, 'models'));
    const learner = new OnlineLearner(store, registry, options);
    writeSamples(store, 100, 1);
    learner.step(0);
    learner.publish(0);
    writeSamples(store, 100, 2);
    learner.step(1);
    const v2 = learner.publish(1)!;
    writeFileSync(join(v2.dir, MODEL_FILE), 'torn');
    const errors: string[] = [];
    const restarted = new OnlineLearner(store, registry, {
      ...options,
      onError: (what) => errors.push(what),
    });
    expect(errors).toEqual(['ranker model version 2']);
    expect(restarted.position).toBe(100);
    expect(restarted.step(2).learned).toBe(100);
    expect(restarted.scores(input('fresh'))).toEqual(learner.scores(input('fresh')));
  });

  it('never learns from the features the model produced', () => {
    const store = new SampleStore(t.db);
    const rand = mulberry32(9);
    writeSamples(store, 300, 1, () => ({ model_score: rand() * 5 }));
    const withModelScore = new OnlineLearner(store, new ModelRegistry(join(t.dir, 'a')), options);
    withModelScore.step(0);
    const plain = new SampleStore(t.db);
    t.db.exec('DELETE FROM samples');
    writeSamples(plain, 300, 1);
    const without = new OnlineLearner(plain, new ModelRegistry(join(t.dir, 'b')), options);
    without.step(0);
    expect(withModelScore.scores(input('trending'))).toEqual(without.scores(input('trending')));
  });

  it('keeps only the newest 5 versions and bounds the work of one step', () => {
    const store = new SampleStore(t.db);
    const registry = new ModelRegistry(join(t.dir, 'models'));
    const learner = new OnlineLearner(store, registry, { ...options, maxSamplesPerStep: 50, batchSize: 20 });
    for (let round = 0; round <= 7; round++) {
      writeSamples(store, 50, 100 + round);
      const step = learner.step(round * 5000); // the first step starts the publishing clock
      expect(step.learned).toBe(50);
      expect(step.published?.version).toBe(round === 0 ? undefined : round);
    }
    expect(registry.list(RANKER_MODEL).map((m) => m.version)).toEqual([3, 4, 5, 6, 7]);
    writeSamples(store, 120, 200);
    expect(learner.step(40_000).learned).toBe(50);
    expect(learner.step(40_001).learned).toBe(50);
    expect(learner.step(40_002).learned).toBe(20);
  });

  it('labels the watch head with the watch ratio capped at 1', () => {
    const store = new SampleStore(t.db);
    writeSamples(store, 1, 1);
    const [s] = store.read(0, 1);
    expect(sampleLabels({ ...s!, watchRatio: 2.5 }).watch).toBe(1);
    expect(sampleLabels({ ...s!, watchRatio: 0.4 }).watch).toBe(0.4);
  });
});
