// What a simulation run measured: accumulated swipe by swipe, summarised into the report.
import type { ViewOutcome } from './behaviour.js';

export interface SimReport {
  policy: string;
  users: number;
  sessions: number;
  impressions: number;
  /** Mean seconds watched per session, loops included. */
  watchTimePerSession: number;
  swipesPerSession: number;
  /** Mean of watchMs / durationMs per impression (loops count, so it may pass 1). */
  watchRatio: number;
  completionRate: number;
  quickSkipRate: number;
  likeRate: number;
  shareRate: number;
  followRate: number;
  notInterestedRate: number;
  /**
   * Mean swipes of a new user's first session until the rolling watch ratio (window 5) reaches
   * 80% of the oracle's mean watch ratio; users who never reach it count their session length.
   */
  timeToPersonalise: number;
  /** Share of users who reached it within their first session. */
  personalisedShare: number;
  /** Share of the videos uploaded by the end of the run that were shown at least once. */
  coverage: number;
  /** Gini coefficient of impressions over creators (0 equal, 1 all to one creator). */
  creatorGini: number;
  /** Videos uploaded while the run went on, and the share of them shown at least once. */
  newVideos: number;
  newVideosShown: number;
  /**
   * Median minutes from a new video's upload to its first impression, counting those never shown
   * as never (null when fewer than half were shown, or none was uploaded).
   */
  minutesToFirstImpression: number | null;
  requests: number;
  emptyPages: number;
  /** Served ids that are not videos of the simulated world (a server holding another catalog). */
  unknownItems: number;
  wallMs: number;
}

export const TTP_WINDOW = 5;
export const TTP_FRACTION = 0.8;

/** Gini coefficient of non-negative values. */
export function gini(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += sorted[i]!;
    weighted += (i + 1) * sorted[i]!;
  }
  if (n === 0 || sum === 0) return 0;
  return (2 * weighted) / (n * sum) - (n + 1) / n;
}

/**
 * Swipes until the mean of the last `window` watch ratios first reaches `threshold`; the whole
 * sequence's length when it never does (censored).
 */
export function swipesToReach(
  ratios: ArrayLike<number>,
  threshold: number,
  window = TTP_WINDOW,
): number | null {
  let sum = 0;
  for (let i = 0; i < ratios.length; i++) {
    sum += ratios[i]!;
    if (i >= window) sum -= ratios[i - window]!;
    if (i >= window - 1 && sum / window >= threshold) return i + 1;
  }
  return null;
}

export class Metrics {
  sessions = 0;
  impressions = 0;
  watchMs = 0;
  ratioSum = 0;
  completions = 0;
  quickSkips = 0;
  likes = 0;
  shares = 0;
  follows = 0;
  notInterested = 0;
  requests = 0;
  emptyPages = 0;
  unknownItems = 0;
  readonly videoImpressions: Uint32Array;
  /** When each video was first shown (sim ms), NaN before. */
  readonly firstShownAt: Float64Array;
  readonly creatorImpressions: Uint32Array;
  /** Watch ratios of each user's first session, for time-to-personalise. */
  readonly firstSession: number[][];

  constructor(videos: number, creators: number, users: number) {
    this.videoImpressions = new Uint32Array(videos);
    this.firstShownAt = new Float64Array(videos).fill(NaN);
    this.creatorImpressions = new Uint32Array(creators);
    this.firstSession = Array.from({ length: users }, () => []);
  }

  record(
    user: number,
    firstSession: boolean,
    video: number,
    creator: number,
    durationMs: number,
    o: ViewOutcome,
    /** When the view started (sim ms). */
    at: number,
  ): void {
    this.impressions += 1;
    if (Number.isNaN(this.firstShownAt[video]!)) this.firstShownAt[video] = at;
    this.watchMs += o.watchMs;
    const ratio = o.watchMs / durationMs;
    this.ratioSum += ratio;
    if (o.completed) this.completions += 1;
    if (o.quickSkip) this.quickSkips += 1;
    if (o.like) this.likes += 1;
    if (o.share) this.shares += 1;
    if (o.follow) this.follows += 1;
    if (o.notInterested) this.notInterested += 1;
    this.videoImpressions[video] = this.videoImpressions[video]! + 1;
    this.creatorImpressions[creator] = this.creatorImpressions[creator]! + 1;
    if (firstSession) this.firstSession[user]!.push(ratio);
  }

  /** The oracle's run has no reference yet: it measures against its own mean watch ratio. */
  get watchRatio(): number {
    return this.impressions > 0 ? this.ratioSum / this.impressions : 0;
  }

  report(
    policy: string,
    visibleVideos: number,
    referenceWatchRatio: number,
    wallMs: number,
    /** Upload time of each video, and the run's span: videos uploaded inside it are the new ones. */
    uploads: { createdAtMs: ArrayLike<number>; start: number; end: number },
  ): SimReport {
    const per = (x: number): number => (this.impressions > 0 ? x / this.impressions : 0);
    const threshold = TTP_FRACTION * referenceWatchRatio;
    let ttpSum = 0;
    let reached = 0;
    let users = 0;
    for (const ratios of this.firstSession) {
      if (ratios.length === 0) continue;
      users += 1;
      const at = swipesToReach(ratios, threshold);
      if (at !== null) reached += 1;
      ttpSum += at ?? ratios.length;
    }
    let covered = 0;
    for (const c of this.videoImpressions) if (c > 0) covered += 1;
    const delays: number[] = [];
    for (let v = 0; v < uploads.createdAtMs.length; v++) {
      const created = uploads.createdAtMs[v]!;
      if (created <= uploads.start || created > uploads.end) continue;
      const shown = this.firstShownAt[v]!;
      delays.push(Number.isNaN(shown) ? Infinity : (shown - created) / 60_000);
    }
    delays.sort((a, b) => a - b);
    const shownNew = delays.filter(Number.isFinite).length;
    const median = delays.length > 0 ? delays[Math.floor((delays.length - 1) / 2)]! : Infinity;
    return {
      policy,
      users,
      sessions: this.sessions,
      impressions: this.impressions,
      watchTimePerSession: this.sessions > 0 ? this.watchMs / 1000 / this.sessions : 0,
      swipesPerSession: this.sessions > 0 ? this.impressions / this.sessions : 0,
      watchRatio: this.watchRatio,
      completionRate: per(this.completions),
      quickSkipRate: per(this.quickSkips),
      likeRate: per(this.likes),
      shareRate: per(this.shares),
      followRate: per(this.follows),
      notInterestedRate: per(this.notInterested),
      timeToPersonalise: users > 0 ? ttpSum / users : 0,
      personalisedShare: users > 0 ? reached / users : 0,
      coverage: visibleVideos > 0 ? covered / visibleVideos : 0,
      creatorGini: gini(this.creatorImpressions),
      newVideos: delays.length,
      newVideosShown: delays.length > 0 ? shownNew / delays.length : 0,
      minutesToFirstImpression: Number.isFinite(median) ? median : null,
      requests: this.requests,
      emptyPages: this.emptyPages,
      unknownItems: this.unknownItems,
      wallMs,
    };
  }
}
