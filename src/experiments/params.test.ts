import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/index.js';
import { applyOverrides, parameters } from './params.js';

const base = parseConfig({});

describe('the parameter registry', () => {
  it('lists the pipeline tunables with their types and defaults, and not what the engine reads once', () => {
    const p = parameters();
    expect(p.get('feed.sources.trending.quota')).toEqual({
      path: 'feed.sources.trending.quota',
      type: 'integer',
      default: 100,
    });
    expect(p.get('feed.rerank.spacing.enabled')?.type).toBe('boolean');
    expect(p.get('feed.rerank.exploration.slots')).toMatchObject({ type: 'number[]', default: [3, 8] });
    expect(p.get('learner.headWeights.watchTime')?.default).toBe(4);
    expect(p.has('feed.recall.qualityPriorPlays')).toBe(false);
    expect(p.has('learner.bits')).toBe(false);
    expect(p.size).toBeGreaterThan(60);
  });

  it('applies valid overrides without touching the base', () => {
    const { config, errors } = applyOverrides(base, {
      'feed.weights.trending': 0.9,
      'feed.rerank.exploration.slots': [9, 2],
    });
    expect(errors).toEqual([]);
    expect(config!.feed.weights.trending).toBe(0.9);
    expect(config!.feed.rerank.exploration.slots).toEqual([2, 9]);
    expect(base.feed.weights.trending).toBe(0.3);
  });

  it('refuses unknown and ill-typed overrides, naming each', () => {
    const { config, errors } = applyOverrides(
      base,
      { 'feed.weights.trendy': 1, 'feed.sources.trending.quota': 'lots' },
      '/arms/1/overrides',
    );
    expect(config).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({ pointer: '/arms/1/overrides/feed.weights.trendy', rule: 'parameter' }),
    ]);
    const typed = applyOverrides(base, { 'feed.sources.trending.quota': -5, 'learner.scoreWeight': 'x' });
    expect(typed.config).toBeNull();
    expect(typed.errors.map((e) => e.pointer).sort()).toEqual([
      '/feed.sources.trending.quota',
      '/learner.scoreWeight',
    ]);
  });
});
