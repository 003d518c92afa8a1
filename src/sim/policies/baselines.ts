// The two baselines that need no model of the user: uniformly random unseen videos (the floor),
// and the most popular unseen videos by the engagement accumulated so far.
import { parseConfig, type Config, type Event, hash32 } from '../../core/index.js';
import { Rng, TopK } from '../../core/index.js';
import type { World } from '../world.js';
import { RequestIds, SeenSets, type Policy, type Recommendation } from './policy.js';

export class RandomPolicy implements Policy {
  readonly name = 'random';
  private readonly seen = new SeenSets();
  private readonly rng: Rng;
  private readonly ids = new RequestIds('random-');

  constructor(
    private readonly world: World,
    seed: number,
  ) {
    this.rng = new Rng(hash32(seed ^ 0x0a0d0a0d));
  }

  async recommend(userId: string, n: number, now: number): Promise<Recommendation> {
    const seen = this.seen.get(userId);
    const h = this.world.hidden;
    const picked = new Set<number>();
    // Rejection sampling: users see a tiny part of the catalog, so few draws are wasted.
    for (let tries = 0; picked.size < n && tries < n * 50; tries++) {
      const v = this.rng.int(h.count);
      if (h.createdAtMs[v]! <= now && !seen.has(v)) picked.add(v);
    }
    return { requestId: this.ids.next(), itemIds: [...picked].map((v) => this.world.items[v]!.id) };
  }

  observe(events: readonly Event[]): void {
    this.seen.observe(this.world, events);
  }
}

/**
 * Most popular: every event adds its configured weight to the item's total (watch: times the
 * watch ratio), never decayed. Skips and "not interested" push an item below the untried ones,
 * which is all the exploration it does. Ties (the untried) go in a fixed random order.
 */
export class PopularPolicy implements Policy {
  readonly name = 'popular';
  private readonly seen = new SeenSets();
  private readonly scores: Float64Array;
  private readonly ids = new RequestIds('popular-');
  private readonly weights: Config['eventWeights'];
  private readonly top = new TopK(10);

  constructor(
    private readonly world: World,
    seed: number,
    weights?: Config['eventWeights'],
  ) {
    this.weights = weights ?? parseConfig({}).eventWeights;
    const rng = new Rng(hash32(seed ^ 0x909090));
    this.scores = new Float64Array(world.hidden.count);
    // A tiny jitter in place of a tie-break rule.
    for (let v = 0; v < this.scores.length; v++) this.scores[v] = rng.next() * 1e-6;
  }

  async recommend(userId: string, n: number, now: number): Promise<Recommendation> {
    const seen = this.seen.get(userId);
    const h = this.world.hidden;
    const top = n <= this.top.k ? this.top : new TopK(n);
    top.reset();
    for (let v = 0; v < h.count; v++) {
      const s = this.scores[v]!;
      if (!top.admits(s, v) || h.createdAtMs[v]! > now || seen.has(v)) continue;
      top.push(s, v);
    }
    const itemIds = Array.from(top.sorted().keys.subarray(0, n), (v) => this.world.items[v]!.id);
    return { requestId: this.ids.next(), itemIds };
  }

  observe(events: readonly Event[]): void {
    this.seen.observe(this.world, events);
    for (const e of events) {
      if (e.itemId === undefined) continue;
      const v = this.world.index.get(e.itemId);
      if (v === undefined) continue;
      let w = this.weights[e.type];
      if (e.type === 'watch') w *= Math.min(3, (e.watchMs ?? 0) / this.world.hidden.durationMs[v]!);
      this.scores[v] = this.scores[v]! + w;
    }
  }
}
