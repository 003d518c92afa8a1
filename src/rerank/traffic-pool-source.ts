// Recall for the traffic pools: the new videos still owed impressions, so the reserved slots have
// them to choose from whatever the other sources found. Each user gets a different draw (a hash of
// user and video), favouring the least served of their level, so the guarantee spreads across the
// pool instead of piling onto its first entries. Its fusion weight is 0 by default: it is a promise
// of traffic, not a judgement of relevance.
import type { CandidateSource, FeedQuery, SourcedItem, SourceSettings } from '../core/index.js';
import { TopK, hashString } from '../core/index.js';
import type { TrafficPools } from './traffic-pools.js';

export class TrafficPoolSource implements CandidateSource {
  readonly name = 'pool';
  readonly quota: number;
  readonly timeoutMs: number;
  readonly weight: number;

  constructor(
    private readonly pools: TrafficPools,
    settings: SourceSettings,
    /**
     * Rebuild the pools here when they are stale: for a pipeline whose owner runs no maintenance
     * (the engine rebuilds them off the request path when it does).
     */
    private readonly selfMaintain = false,
  ) {
    this.quota = settings.quota;
    this.timeoutMs = settings.timeoutMs;
    this.weight = settings.weight;
  }

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const { now, userId } = query.request;
    if (this.selfMaintain && this.pools.stale(now)) this.pools.rebuild(now);
    const { entry, owed, hash, createdAtMs, runEnd } = this.pools.columns();
    const userHash = hashString(userId);
    const top = new TopK(Math.min(limit, owed.length));
    // Ties are common (every unseen upload owes its whole share), and a catalog can hold tens of
    // thousands of them: a run longer than the window is drawn from `window` of its entries, taken
    // from a per-user offset with a per-user stride prime to the run's length. So each user still
    // gets a different draw, the run is covered evenly across users, a request costs O(window)
    // however many uploads wait, and the entries drawn are spread over the whole run rather than
    // one stretch of it (the run is in upload order, and neighbouring uploads are often alike).
    const window = Math.max(RUN_WINDOW_MIN, RUN_WINDOW_PER_RESULT * limit);
    const spread = Math.imul(userHash, 0x85ebca6b) >>> 0;
    for (let start = 0; start < owed.length; start = runEnd[start]!) {
      // owed is descending and every score is below its owed: once the kept ones all beat this
      // owed, nothing further in the list can enter, and the scan stops.
      if (owed[start]! <= top.worst) break;
      const end = runEnd[start]!;
      const size = end - start;
      const offset = size > window ? spread % size : 0;
      const stride = size > window ? strideFor(spread, size) : 1;
      for (let j = 0, n = Math.min(size, window); j < n; j++) {
        const i = start + ((offset + j * stride) % size);
        if (createdAtMs[i]! > now) continue;
        // A per-user draw in [0.5, 1), scaled by the share of its level's guarantee still owed.
        const draw = (Math.imul(hash[i]! ^ userHash, 0x9e3779b1) >>> 0) / 2 ** 33;
        const score = owed[i]! * (0.5 + draw);
        if (top.admits(score, i) && !query.exclude.has(entry[i]!.item.id)) top.push(score, i);
      }
    }
    const { keys, scores } = top.sorted();
    return Array.from(keys, (i, rank) => ({ entry: entry[i]!, score: scores[rank]! }));
  }
}

/** A run of ties is drawn from a window of at least this many, and this many per result asked. */
const RUN_WINDOW_MIN = 512;
const RUN_WINDOW_PER_RESULT = 8;

/** A step in [1, size) prime to `size`, from the user's hash: it visits every entry once per cycle. */
function strideFor(hash: number, size: number): number {
  let stride = 1 + ((hash >>> 7) % (size - 1));
  while (gcd(stride, size) !== 1) stride = stride + 1 === size ? 1 : stride + 1;
  return stride;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
