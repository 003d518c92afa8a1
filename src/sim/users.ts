// Simulated users: sparse interests over topics that drift between sessions, an activity level,
// a typical session length, a device, and the within-session state the fatigue model reads.
import type { EventContext } from '../core/index.js';
import { Rng, hash32 } from '../core/index.js';
import { cumulative } from './rng.js';
import { APP_VERSIONS, DEVICES, LANGUAGES, NETWORKS, TIMEZONES } from './locales.js';
import type { World } from './world.js';

export interface SessionState {
  /** Videos of each creator (by index) shown so far this session. */
  creatorCounts: Map<number, number>;
  /** Exposure per topic, decayed by `BEHAVIOUR.topicDecay` per swipe. */
  topicLoad: Float32Array;
  swipes: number;
  /** Sessions started so far; caches keyed on it know when a session is new. */
  number: number;
  /** Swipes the user means to make this session (quick skips may end it sooner). */
  budget: number;
}

export interface SimUser {
  index: number;
  id: string;
  /** Seeds the per-(user, video) taste noise. */
  key: number;
  /** Current interests, on the simplex; drift moves them between sessions. */
  interests: Float32Array;
  /** Largest component of `interests`, kept with it. */
  maxInterest: number;
  language: number;
  context: EventContext;
  /** Sessions per day. */
  activity: number;
  /** Mean swipes per session. */
  meanSwipes: number;
  /** Creators (by index) this user follows; their videos appeal a little more. */
  followed: Set<number>;
  session: SessionState;
}

export interface UserOptions {
  count: number;
  seed: number;
  /** Ids are `${idPrefix}u0001`...; a per-run prefix gives fresh users on a shared server. */
  idPrefix?: string;
  /** Dirichlet concentration of initial interests: small means few strong interests. */
  concentration?: number;
  meanSwipes?: number;
}

export function generateUsers(world: World, options: UserOptions): SimUser[] {
  const rng = new Rng(hash32(options.seed ^ 0x5eed5eed));
  const dim = world.hidden.dim;
  const alphas = new Float32Array(dim).fill(options.concentration ?? 0.25);
  const languageShares = cumulative(LANGUAGES.map((l) => l.share));
  const users: SimUser[] = [];
  const width = Math.max(4, String(options.count).length);
  for (let i = 0; i < options.count; i++) {
    const interests = rng.dirichlet(alphas);
    const language = rng.chance(0.8) ? 0 : rng.weighted(languageShares);
    const lang = LANGUAGES[language]!;
    const region = rng.pick(lang.regions);
    const device = rng.pick(DEVICES);
    users.push({
      index: i,
      id: `${options.idPrefix ?? ''}u${String(i + 1).padStart(width, '0')}`,
      key: hash32(options.seed * 7919 + i),
      interests,
      maxInterest: Math.max(...interests),
      language,
      context: {
        os: device.os,
        deviceModel: device.deviceModel,
        appVersion: rng.pick(APP_VERSIONS),
        network: rng.pick(NETWORKS),
        locale: `${lang.language.slice(0, 2)}-${region}`,
        timezone: TIMEZONES[region] ?? 'UTC',
      },
      activity: Math.min(8, Math.max(0.5, rng.lognormal(2.5, 0.6))),
      meanSwipes: Math.min(60, Math.max(5, rng.lognormal(options.meanSwipes ?? 20, 0.4))),
      followed: new Set(),
      session: {
        creatorCounts: new Map(),
        topicLoad: new Float32Array(dim),
        swipes: 0,
        number: 0,
        budget: 0,
      },
    });
  }
  return users;
}

/**
 * Interests drift multiplicatively between sessions (a log-space random walk), and now and then
 * a topic the user never cared about catches on, so yesterday's profile is never quite today's.
 */
export function driftInterests(user: SimUser, rng: Rng, sigma = 0.15, newInterest = 0.03): void {
  const u = user.interests;
  let sum = 0;
  for (let k = 0; k < u.length; k++) {
    u[k] = u[k]! * Math.exp(sigma * rng.normal());
    sum += u[k]!;
  }
  if (rng.chance(newInterest)) {
    const k = rng.int(u.length);
    u[k] = u[k]! + 0.15 * sum;
    sum *= 1.15;
  }
  let max = 0;
  for (let k = 0; k < u.length; k++) {
    u[k] = u[k]! / sum;
    if (u[k]! > max) max = u[k]!;
  }
  user.maxInterest = max;
}

/** A new session: fatigue resets, interests drift, and the user decides roughly how long to stay. */
export function startSession(user: SimUser, rng: Rng): void {
  const s = user.session;
  s.creatorCounts.clear();
  s.topicLoad.fill(0);
  s.swipes = 0;
  s.number += 1;
  // Log-normal swipe counts: most sessions are short, a few are very long.
  s.budget = Math.max(1, Math.round(rng.lognormal(user.meanSwipes, 0.7)));
  driftInterests(user, rng);
}

/** Hours until the next session: exponential around the user's activity level. */
export function nextSessionGapMs(user: SimUser, rng: Rng): number {
  return Math.max(10 * 60_000, rng.exponential(24 / user.activity) * 3_600_000);
}
