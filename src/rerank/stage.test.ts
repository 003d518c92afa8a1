import { describe, expect, it } from 'vitest';
import { parseConfig } from '../core/index.js';
import { ItemLabeller } from '../content/index.js';
import { rerankStage, trafficPoolOptions, type RerankStores } from './stage.js';
import { counterColumns } from './test-candidates.js';
import { TrafficPools, type TrafficPoolOptions } from './traffic-pools.js';

const stores: RerankStores = {
  catalog: { newest: () => [], get: () => undefined },
  stats: counterColumns(new Map()),
  served: { recent: () => new Set() },
  labeller: new ItemLabeller(),
};

describe('feed.rerank configuration and the stage it builds', () => {
  it('has every rule on by default, spacing last', () => {
    const config = parseConfig({});
    const stage = rerankStage(
      stores,
      config.feed.rerank,
      config.profile.halfLifeMs,
      config.feed.recall.followingWindowMs,
    );
    expect(stage.queryHydrators.map((h) => h.name)).toEqual(['fatigue', 'interest_bandit']);
    expect(stage.scorers.map((s) => s.name)).toEqual(['fatigue', 'not_interested', 'interest_bandit']);
    expect(stage.selectors.map((s) => s.name)).toEqual([
      'topic_spread',
      'following',
      'exploration',
      'traffic_pools',
      'spacing',
    ]);
    expect(stage.sources.map((s) => [s.name, s.quota, s.weight])).toEqual([['pool', 50, 0]]);
    expect(config.feed.rerank.exploration.slots).toEqual([3, 8]);
    expect(config.feed.rerank.following.slots).toEqual([1]);
    expect(config.feed.rerank.trafficPools.caps).toEqual([100, 1000, 10_000]);
  });

  it('switches rules off one by one, and takes their knobs', () => {
    const config = parseConfig({
      feed: {
        rerank: {
          fatigue: { enabled: false },
          interestBandit: { enabled: false },
          topicSpread: { enabled: false },
          following: { enabled: false },
          trafficPools: { enabled: false },
          exploration: { slots: [9, 2, 9] },
          spacing: { sound: false },
        },
      },
    });
    const stage = rerankStage(stores, config.feed.rerank, 1000, 60_000);
    expect(stage.queryHydrators).toEqual([]);
    expect(stage.scorers.map((s) => s.name)).toEqual(['not_interested']);
    expect(stage.selectors.map((s) => s.name)).toEqual(['exploration', 'spacing']);
    expect(stage.sources).toEqual([]);
    expect(config.feed.rerank.exploration.slots).toEqual([2, 9]);
    expect(config.feed.rerank.spacing).toEqual({ enabled: true, sound: false, searchBudget: 50_000 });
  });

  it('refuses traffic-pool caps that do not ascend', () => {
    expect(() => parseConfig({ feed: { rerank: { trafficPools: { caps: [100, 100] } } } })).toThrow(
      /caps must ascend/,
    );
  });

  it('uses the traffic pools it is given (rebuilt by their owner) when built with its options', () => {
    const config = parseConfig({});
    const query = {
      request: { requestId: 'r', userId: 'u', n: 1, now: 5000 },
      user: null,
      profile: null,
      exclude: new Set<string>(),
    };
    const poolsRead = (options: TrafficPoolOptions) => {
      const pools = new TrafficPools(stores.catalog, stores.stats, options);
      let reads = 0;
      const columns = pools.columns.bind(pools);
      pools.columns = () => (reads++, columns());
      const stage = rerankStage({ ...stores, trafficPools: pools }, config.feed.rerank, 1000, 60_000);
      stage.sources[0]!.fetch(query, 10);
      expect(pools.builtAt).toBe(-Infinity); // the request path rebuilt none of them
      return reads;
    };
    expect(poolsRead(trafficPoolOptions(config.feed.rerank))).toBe(1);
    // An experiment arm's other caps: the stage keeps pools of its own rather than the owner's.
    expect(poolsRead({ ...trafficPoolOptions(config.feed.rerank), caps: [1] })).toBe(0);
  });
});
