// The profile processor: folds each user's events into their profile (core/profile.ts): recent
// positive engagements, follows, and topic and creator affinities that decay exponentially, pushed
// down by quick skips and "not interested".
import type { Config, Event, UserProfile } from '../core/index.js';
import { cloneProfile, emptyProfile } from '../core/index.js';
import type { ItemLabeller } from '../content/index.js';
import { eventTime, type LogRecord } from '../log/index.js';
import type { CatalogStore, ProfileStore } from '../store/index.js';
import type { Processor } from './processor.js';
import type { Signal, SignalReader } from './signals.js';

/**
 * Adds `w` to `key` in a decayed map, then drops the weakest entries past `max` (so a profile keeps
 * at most `maxAffinities` topics and as many creators). Only a new key can overflow the map, so
 * only then are the keys counted.
 */
function addAffinity(map: Record<string, number>, key: string, w: number, max: number): void {
  const cur = map[key];
  map[key] = (cur ?? 0) + w;
  if (cur !== undefined) return;
  let n = 0;
  for (const _ in map) n += 1;
  if (n <= max) return;
  const keys = Object.keys(map);
  keys.sort((a, b) => Math.abs(map[b]!) - Math.abs(map[a]!));
  for (const k of keys.slice(max)) delete map[k];
}

/** Past this many half-lives between a batch's base time and an event, the batch rebases (no overflow). */
const MAX_HALF_LIVES_UNSCALED = 50;

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
    this.applyAll(p, [event]);
  }

  /**
   * Applies one user's events, in order, to a profile the caller owns (a copy: this mutates it).
   * Late events count as they would have decayed by the profile's time; newer ones move it forward.
   * Rather than decaying every affinity at every event, the batch works in units of its base time
   * `base` (an affinity a at time T is held as a * e^(lambda (T - base))), which decay does not change,
   * and converts back once at the end: the same sums, one decay pass per batch. `times` are the
   * events' times in ms when the caller has them (the log's records do), else they are parsed.
   */
  applyAll(p: UserProfile, events: readonly Event[], times?: readonly number[]): void {
    let base = p.updatedAt;
    let now = p.updatedAt;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const ts = times?.[i] ?? Date.parse(event.timestamp);
      if (ts > now) now = ts;
      if ((now - base) * this.lambda > MAX_HALF_LIVES_UNSCALED * Math.LN2) {
        this.decay(p, Math.exp(-this.lambda * (now - base)));
        base = now;
      }
      this.applyOne(p, event, ts, Math.exp(this.lambda * (ts - base)));
    }
    if (now > base) this.decay(p, Math.exp(-this.lambda * (now - base)));
    p.updatedAt = now;
  }

  private decay(p: UserProfile, f: number): void {
    for (const k in p.topics) p.topics[k]! *= f;
    for (const k in p.creators) p.creators[k]! *= f;
  }

  /** `scale` turns a weight at `ts` into the batch's units. */
  private applyOne(p: UserProfile, event: Event, ts: number, scale: number): void {
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
    // Each user's events in order; users are independent, so their order between them is free.
    const byUser = new Map<string, { events: Event[]; times: number[] }>();
    for (const r of records) {
      const mine = byUser.get(r.event.userId);
      if (mine) {
        mine.events.push(r.event);
        mine.times.push(eventTime(r));
      } else byUser.set(r.event.userId, { events: [r.event], times: [eventTime(r)] });
    }
    const staged: UserProfile[] = [];
    for (const [userId, { events, times }] of byUser) {
      const cur = this.profiles.get(userId);
      const p = cur ? cloneProfile(cur) : emptyProfile(userId, times[0]!);
      this.updater.applyAll(p, events, times);
      staged.push(p);
    }
    return this.profiles.stage(staged);
  }
}
