// The behaviour model: how a user's hidden affinity for a video and the video's quality turn into
// what the client reports (watch time, quick skips, loops, likes, shares, comments, follows,
// "not interested"). docs/SIMULATOR.md gives the equations; the oracle uses `expectedWatchMs`
// with exactly these parameters, so it is the best any policy can do in expectation.
import type { Rng } from '../core/index.js';
import { pairNormal } from './rng.js';
import type { SimUser } from './users.js';
import { TOPICS_PER_VIDEO, type World } from './world.js';

export const BEHAVIOUR = {
  /** Appeal: z = interest * (match - interestCenter) + quality * (q - 0.5) + noise * e + ... */
  interest: 2.5,
  interestCenter: 0.3,
  quality: 3,
  noise: 0.4,
  /** Video not in the user's language; visual topics (music, pets, asmr...) cost less. */
  language: -0.8,
  visualLanguage: -0.25,
  followed: 0.4,
  /** Short-form viewers resent length: z -= lengthPenalty * ln(D / lengthFreeMs) beyond lengthFreeMs. */
  lengthPenalty: 1,
  lengthFreeMs: 15_000,
  /** Fatigue: per earlier video of the creator this session, and per unit of topic load over the free load. */
  creatorFatigue: 0.5,
  topicFatigue: 0.2,
  topicFreeLoad: 1.5,
  topicDecay: 0.8,
  /** P(quick skip) = sigmoid(skipBias - skipSlope * z). */
  skipBias: -1.3,
  skipSlope: 1.5,
  quickSkipMs: 600,
  /** A view that is not a quick skip lasts at least this long. */
  minWatchMs: 1200,
  /** Attention span ~ Exp(mean attentionMs * exp(attentionSlope * z)), in seconds of video. */
  attentionMs: 9_000,
  attentionSlope: 0.8,
  /** After a completion, another loop with P = loopMax * sigmoid(2 (z - loopCenter)) * exp(-D / loopMs). */
  loopMax: 0.6,
  loopCenter: 1,
  loopMs: 20_000,
  maxLoops: 5,
  /** Engagement logits (given the view was not a quick skip), slope on z. */
  like: [-3.3, 1.1],
  share: [-5.5, 1.2],
  comment: [-6.5, 1.0],
  follow: [-6.8, 1.2],
  /** P(not interested) = notInterestedMax * sigmoid(-4 (z - notInterestedBelow)), on quick skips. */
  notInterestedMax: 0.08,
  notInterestedBelow: -1.2,
  /** A quick skip may end the session: the feed is boring. */
  leaveAfterSkip: 0.04,
} as const;

const B = BEHAVIOUR;

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The parts of the appeal that depend on the video alone, computed once per world. */
export interface VideoTerms {
  /** quality * (q - 0.5) - lengthPenalty * ln(D / lengthFreeMs)+ */
  fixed: Float32Array;
  /** Appeal lost when the viewer does not speak the video's language. */
  foreign: Float32Array;
  /** exp(-D / loopMs), the duration factor of the loop probability. */
  loopDecay: Float32Array;
}

const termsCache = new WeakMap<World, VideoTerms>();

export function videoTerms(world: World): VideoTerms {
  let terms = termsCache.get(world);
  if (terms) return terms;
  const h = world.hidden;
  terms = {
    fixed: new Float32Array(h.count),
    foreign: new Float32Array(h.count),
    loopDecay: new Float32Array(h.count),
  };
  for (let v = 0; v < h.count; v++) {
    const d = h.durationMs[v]!;
    const length = d > B.lengthFreeMs ? B.lengthPenalty * Math.log(d / B.lengthFreeMs) : 0;
    terms.fixed[v] = B.quality * (h.quality[v]! - 0.5) - length;
    terms.foreign[v] = world.visualTopics[h.primaryTopic[v]!] ? B.visualLanguage : B.language;
    terms.loopDecay[v] = Math.exp(-d / B.loopMs);
  }
  termsCache.set(world, terms);
  return terms;
}

/**
 * The hidden appeal of a video to a user before fatigue: topic match relative to the user's
 * strongest interest, quality, length, language, following, and idiosyncratic taste noise.
 */
export function baseAppeal(world: World, user: SimUser, video: number, terms = videoTerms(world)): number {
  const h = world.hidden;
  const u = user.interests;
  const off = video * TOPICS_PER_VIDEO;
  let dot = 0;
  for (let j = 0; j < TOPICS_PER_VIDEO; j++) dot += u[h.topicIndex[off + j]!]! * h.topicWeight[off + j]!;
  let z = (B.interest / user.maxInterest) * dot - B.interest * B.interestCenter + terms.fixed[video]!;
  z += B.noise * pairNormal(user.key, video);
  if (h.language[video] !== user.language) z += terms.foreign[video]!;
  if (user.followed.size > 0 && user.followed.has(h.creator[video]!)) z += B.followed;
  return z;
}

/**
 * `baseAppeal` of every video at once into `out`, skipping (writing -Infinity for) videos whose
 * `mask` byte is set: the oracle's inner loop, kept free of calls and lookups. The appeals of the
 * unmasked videos are also packed into `packed`; returns how many there are.
 */
export function appealAll(
  world: World,
  user: SimUser,
  mask: Uint8Array,
  out: Float32Array,
  packed: Float32Array,
): number {
  const h = world.hidden;
  const { fixed, foreign } = videoTerms(world);
  const { topicIndex, topicWeight, language: lang, creator } = h;
  const u = user.interests;
  const key = user.key;
  const language = user.language;
  const scale = B.interest / user.maxInterest;
  const offset = -B.interest * B.interestCenter;
  const follows = user.followed.size > 0;
  let n = 0;
  for (let v = 0; v < h.count; v++) {
    if (mask[v] !== 0) {
      out[v] = -Infinity;
      continue;
    }
    const off = v * TOPICS_PER_VIDEO;
    let dot = 0;
    for (let j = 0; j < TOPICS_PER_VIDEO; j++) dot += u[topicIndex[off + j]!]! * topicWeight[off + j]!;
    let z = scale * dot + offset + fixed[v]! + B.noise * pairNormal(key, v);
    if (lang[v] !== language) z += foreign[v]!;
    if (follows && user.followed.has(creator[v]!)) z += B.followed;
    out[v] = z;
    packed[n++] = z;
  }
  return n;
}

/** Fatigue from what this session already showed: the same creator again, or too much of a topic. */
export function fatigue(world: World, user: SimUser, video: number): number {
  const s = user.session;
  const creatorSeen = s.creatorCounts.get(world.hidden.creator[video]!) ?? 0;
  const load = s.topicLoad[world.hidden.primaryTopic[video]!]!;
  return B.creatorFatigue * creatorSeen + B.topicFatigue * Math.max(0, load - B.topicFreeLoad);
}

export function appeal(world: World, user: SimUser, video: number): number {
  return baseAppeal(world, user, video) - fatigue(world, user, video);
}

/** Updates the session's fatigue state after a video was shown. */
export function recordExposure(world: World, user: SimUser, video: number): void {
  const s = user.session;
  const creator = world.hidden.creator[video]!;
  s.creatorCounts.set(creator, (s.creatorCounts.get(creator) ?? 0) + 1);
  const load = s.topicLoad;
  for (let k = 0; k < load.length; k++) load[k] = load[k]! * B.topicDecay;
  const t = world.hidden.primaryTopic[video]!;
  load[t] = load[t]! + 1;
  s.swipes += 1;
}

export const skipProbability = (z: number): number => sigmoid(B.skipBias - B.skipSlope * z);
export const attentionMs = (z: number): number => B.attentionMs * Math.exp(B.attentionSlope * z);
export const loopProbability = (z: number, durationMs: number): number =>
  B.loopMax * sigmoid(2 * (z - B.loopCenter)) * Math.exp(-durationMs / B.loopMs);

/** E[watch ms] of one impression under the model: the oracle's objective. */
export function expectedWatchMs(z: number, durationMs: number): number {
  const pSkip = skipProbability(z);
  const theta = attentionMs(z);
  const pComplete = Math.exp(-durationMs / theta);
  const rho = loopProbability(z, durationMs);
  // Expected extra loops, truncated at maxLoops: sum of rho^k for k = 1..maxLoops.
  const loops = rho > 0 ? (rho * (1 - Math.pow(rho, B.maxLoops))) / (1 - rho) : 0;
  // E[max(floor, min(T, D))] = E[min(T, D)] + E[(floor - T)+], for T ~ Exp(theta), floor < D.
  const floor = B.minWatchMs;
  const short = floor - theta * (1 - Math.exp(-floor / theta));
  const watched = theta * (1 - pComplete) + short + pComplete * durationMs * loops;
  return pSkip * B.quickSkipMs + (1 - pSkip) * watched;
}

export interface ViewOutcome {
  watchMs: number;
  loops: number;
  completed: boolean;
  quickSkip: boolean;
  like: boolean;
  share: boolean;
  comment: boolean;
  follow: boolean;
  notInterested: boolean;
}

export const newOutcome = (): ViewOutcome => ({
  watchMs: 0,
  loops: 0,
  completed: false,
  quickSkip: false,
  like: false,
  share: false,
  comment: false,
  follow: false,
  notInterested: false,
});

/** Draws one view into `out` (reused, so the hot loop does not allocate). */
export function sampleView(
  rng: Rng,
  z: number,
  durationMs: number,
  canFollow: boolean,
  out: ViewOutcome,
): ViewOutcome {
  out.loops = 0;
  out.completed = false;
  out.like = out.share = out.comment = out.follow = out.notInterested = false;
  out.quickSkip = rng.chance(skipProbability(z));
  if (out.quickSkip) {
    out.watchMs = Math.round(rng.uniform(0.4, 1.6) * B.quickSkipMs);
    out.notInterested = rng.chance(B.notInterestedMax * sigmoid(-4 * (z - B.notInterestedBelow)));
    return out;
  }
  const attention = rng.exponential(attentionMs(z));
  if (attention >= durationMs) {
    out.completed = true;
    const rho = loopProbability(z, durationMs);
    while (out.loops < B.maxLoops && rng.chance(rho)) out.loops += 1;
    out.watchMs = Math.round(durationMs * (1 + out.loops));
  } else {
    out.watchMs = Math.max(B.minWatchMs, Math.round(attention));
  }
  // People who finished are likelier to react; partial viewers sometimes do.
  const reach = out.completed ? 0 : -1;
  out.like = rng.chance(sigmoid(B.like[0] + reach + B.like[1] * z));
  out.share = rng.chance(sigmoid(B.share[0] + reach + B.share[1] * z));
  out.comment = rng.chance(sigmoid(B.comment[0] + reach + B.comment[1] * z));
  out.follow = canFollow && rng.chance(sigmoid(B.follow[0] + reach + B.follow[1] * z));
  return out;
}
