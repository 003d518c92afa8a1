// The oracle: knows every user's hidden interests, taste noise and session fatigue, and serves
// the unseen videos with the highest expected watch time. It bounds what any policy can reach.
//
// Approximation, for speed: at the start of each session (and whenever the pool runs dry) it
// computes the fatigue-free appeal of every visible unseen video, takes the `shortlist` (1000)
// most appealing, and keeps the `poolSize` (200) of those with the highest expected watch time;
// each page is then chosen greedily from the pool, with the fatigue of the session so far and of
// the page's own earlier picks. A video outside the pool could only win if fatigue pushed every
// pool video below it; with 200 in the pool, sessions of ~20 swipes and pages of 10 it cannot.
import { TopK, type Event } from '../../core/index.js';
import { BEHAVIOUR, appealAll, expectedWatchMs } from '../behaviour.js';
import { kthLargest } from '../topk.js';
import type { SimUser } from '../users.js';
import type { World } from '../world.js';
import { RequestIds, SeenSets, type Policy, type Recommendation } from './policy.js';

interface Pool {
  session: number;
  /** Best first by `upper`. */
  videos: Int32Array;
  /** Fatigue-free appeal. */
  base: Float32Array;
  /** Fatigue-free expected watch time: an upper bound, as fatigue only lowers appeal. */
  upper: Float64Array;
  size: number;
}

export class OraclePolicy implements Policy {
  readonly name = 'oracle';
  private readonly seen = new SeenSets();
  private readonly ids = new RequestIds('oracle-');
  private readonly users = new Map<string, SimUser>();
  private readonly pools = new Map<string, Pool>();
  private readonly z: Float32Array;
  private readonly mask: Uint8Array;
  private readonly releases: Int32Array;
  private nextRelease = 0;
  private maskTime = -Infinity;
  private readonly scratch: Float32Array;
  private readonly top: TopK;
  private readonly scratchTopic: Float32Array;
  private readonly scratchCreators = new Map<number, number>();

  constructor(
    private readonly world: World,
    users: readonly SimUser[],
    poolSize = 200,
    private readonly shortlist = 1000,
  ) {
    for (const u of users) this.users.set(u.id, u);
    this.z = new Float32Array(world.hidden.count);
    this.mask = new Uint8Array(world.hidden.count);
    // Future uploads, by upload time: masked until the clock passes them.
    const h = world.hidden;
    const future: number[] = [];
    for (let v = 0; v < h.count; v++) if (h.createdAtMs[v]! > world.now) future.push(v);
    future.sort((a, b) => h.createdAtMs[a]! - h.createdAtMs[b]! || a - b);
    for (const v of future) this.mask[v] = 1;
    this.releases = Int32Array.from(future);
    this.scratch = new Float32Array(world.hidden.count);
    this.top = new TopK(poolSize);
    this.scratchTopic = new Float32Array(world.hidden.dim);
  }

  private buildPool(user: SimUser, now: number): Pool {
    const h = this.world.hidden;
    const seen = this.seen.get(user.id);
    const mask = this.mask;
    // Masked: videos not yet published, and what the user has seen (a small set, unmasked after).
    if (now < this.maskTime) {
      // Asked about an earlier time than before: re-mask every future upload.
      for (const v of this.releases) mask[v] = 1;
      this.nextRelease = 0;
    }
    this.maskTime = now;
    while (
      this.nextRelease < this.releases.length &&
      h.createdAtMs[this.releases[this.nextRelease]!]! <= now
    ) {
      mask[this.releases[this.nextRelease++]!] = 0;
    }
    for (const v of seen) mask[v] = 1;
    const z = this.z;
    const scratch = this.scratch;
    const n = appealAll(this.world, user, mask, z, scratch);
    for (const v of seen) mask[v] = h.createdAtMs[v]! > now ? 1 : 0;
    // Expected watch time only for the `shortlist` most appealing: E[W] rises with appeal, and
    // duration, the other factor, is already in the appeal through the length penalty.
    const threshold = n > this.shortlist ? kthLargest(scratch, n, this.shortlist) : -Infinity;
    const top = this.top;
    top.reset();
    for (let v = 0; v < h.count; v++) {
      const zv = z[v]!;
      if (zv === -Infinity || zv < threshold) continue;
      top.push(expectedWatchMs(zv, h.durationMs[v]!), v);
    }
    const { keys: videos, scores: upper } = top.sorted();
    const base = new Float32Array(top.size);
    for (let i = 0; i < top.size; i++) base[i] = z[videos[i]!]!;
    return {
      session: user.session.number,
      videos,
      base,
      upper,
      size: top.size,
    };
  }

  async recommend(userId: string, n: number, now: number): Promise<Recommendation> {
    const user = this.users.get(userId);
    if (!user) throw new Error(`oracle: unknown user ${userId}`);
    const seen = this.seen.get(userId);
    let pool = this.pools.get(userId);
    const unseenInPool = (p: Pool): number => {
      let c = 0;
      for (let i = 0; i < p.size; i++) if (!seen.has(p.videos[i]!)) c++;
      return c;
    };
    if (!pool || pool.session !== user.session.number || unseenInPool(pool) < n) {
      pool = this.buildPool(user, now);
      this.pools.set(userId, pool);
    }

    // Fatigue as it stands, then as each pick of this page would add to it.
    const h = this.world.hidden;
    const topic = this.scratchTopic;
    topic.set(user.session.topicLoad);
    const creators = this.scratchCreators;
    creators.clear();
    for (const [c, count] of user.session.creatorCounts) creators.set(c, count);
    const taken = new Set<number>();
    const itemIds: string[] = [];
    while (itemIds.length < n) {
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < pool.size; i++) {
        // Expected watch time rises with appeal and fatigue only lowers appeal, so once the
        // fatigue-free bound cannot beat the best found, nothing further down can.
        if (pool.upper[i]! <= bestScore) break;
        const v = pool.videos[i]!;
        if (seen.has(v) || taken.has(v)) continue;
        const tired =
          BEHAVIOUR.creatorFatigue * (creators.get(h.creator[v]!) ?? 0) +
          BEHAVIOUR.topicFatigue * Math.max(0, topic[h.primaryTopic[v]!]! - BEHAVIOUR.topicFreeLoad);
        const score = expectedWatchMs(pool.base[i]! - tired, h.durationMs[v]!);
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (best < 0) break;
      const v = pool.videos[best]!;
      taken.add(v);
      itemIds.push(this.world.items[v]!.id);
      creators.set(h.creator[v]!, (creators.get(h.creator[v]!) ?? 0) + 1);
      for (let k = 0; k < topic.length; k++) topic[k] = topic[k]! * BEHAVIOUR.topicDecay;
      topic[h.primaryTopic[v]!] = topic[h.primaryTopic[v]!]! + 1;
    }
    return { requestId: this.ids.next(), itemIds };
  }

  observe(events: readonly Event[]): void {
    this.seen.observe(this.world, events);
  }
}
