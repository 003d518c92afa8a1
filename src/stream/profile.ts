// The profile processor: folds each user's events into their profile (core/profile.ts): recent
// positive engagements, follows, and topic and creator affinities that decay exponentially, pushed
// down by quick skips and "not interested".
import type { Config, Event, UserProfile } from '../core/index.js';
import { emptyProfile } from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import type { LogRecord } from '../log/index.js';
import type { CatalogStore, ProfileStore } from '../store/index.js';
import type { Processor } from './processor.js';
import type { Signal, SignalReader } from './signals.js';

/** Adds `w` to `key` in a decayed map, then drops the weakest entries past `max`. */
function addAffinity(map: Record<string, number>, key: string, w: number, max: number): void {
  map[key] = (map[key] ?? 0) + w;
  const keys = Object.keys(map);
  if (keys.length <= max) return;
  keys.sort((a, b) => Math.abs(map[b]!) - Math.abs(map[a]!));
  for (const k of keys.slice(max)) delete map[k];
}

export class ProfileUpdater {
  private readonly lambda: number;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly signals: SignalReader,
    /** Topics where the uploader gave none (src/content). */
    private readonly labeller: ItemLabeller,
    private readonly config: Config['profile'],
  ) {
    this.lambda = Math.LN2 / config.halfLifeMs;
  }

  /** Applies one event to a profile the caller owns (a copy: this mutates it). */
  apply(p: UserProfile, event: Event): void {
    const ts = Date.parse(event.timestamp);
    // Late events count as they would have decayed by now; newer ones move the clock forward.
    let scale = 1;
    if (ts > p.updatedAt) {
      const f = Math.exp(-this.lambda * (ts - p.updatedAt));
      for (const k in p.topics) p.topics[k]! *= f;
      for (const k in p.creators) p.creators[k]! *= f;
      p.updatedAt = ts;
    } else {
      scale = Math.exp(-this.lambda * (p.updatedAt - ts));
    }
    const entry = event.itemId ? this.catalog.get(event.itemId) : undefined;
    const creatorId = event.creatorId ?? entry?.item.creatorId;
    if (event.type === 'follow' && creatorId) this.follow(p, creatorId);
    if (event.type === 'unfollow' && creatorId) p.follows = p.follows.filter((c) => c !== creatorId);
    if (!event.itemId) return;

    const signal = this.signals.read(event);
    const w = signal.weight * scale;
    if (w !== 0 && entry) {
      const max = this.config.maxAffinities;
      for (const topic of this.labeller.of(entry).topics) addAffinity(p.topics, topic, w, max);
      addAffinity(p.creators, entry.item.creatorId, w, max);
    }
    this.updateRecent(p, event, signal, ts);
  }

  private follow(p: UserProfile, creatorId: string): void {
    p.follows = p.follows.filter((c) => c !== creatorId);
    p.follows.push(creatorId);
    if (p.follows.length > this.config.maxFollows) p.follows.shift();
  }

  private updateRecent(p: UserProfile, event: Event, signal: Signal, ts: number): void {
    const itemId = event.itemId!;
    const i = p.recent.findIndex((e) => e.itemId === itemId);
    const existing = i >= 0 ? p.recent[i]! : undefined;
    if (event.type === 'not_interested' || event.type === 'report') {
      if (existing) p.recent.splice(i, 1);
      return;
    }
    if (existing && signal.weight < 0) {
      existing.weight += signal.weight; // an unlike takes its like back
      if (existing.weight <= 0) p.recent.splice(i, 1);
      return;
    }
    if (!signal.positive) return;
    if (existing) p.recent.splice(i, 1);
    p.recent.push({
      itemId,
      ts: Math.max(ts, existing?.ts ?? 0),
      weight: (existing?.weight ?? 0) + signal.weight,
      completed: signal.completed || (existing?.completed ?? false),
    });
    if (p.recent.length > this.config.maxRecent) p.recent.shift();
  }
}

export class ProfileProcessor implements Processor {
  readonly group = 'profile';

  constructor(
    private readonly profiles: ProfileStore,
    private readonly updater: ProfileUpdater,
  ) {}

  process(records: readonly LogRecord[]): () => void {
    const staged = new Map<string, UserProfile>();
    for (const { event } of records) {
      let p = staged.get(event.userId);
      if (!p) {
        const cur = this.profiles.get(event.userId);
        p = cur ? structuredClone(cur) : emptyProfile(event.userId, Date.parse(event.timestamp));
        staged.set(event.userId, p);
      }
      this.updater.apply(p, event);
    }
    return this.profiles.stage(staged.values());
  }
}
