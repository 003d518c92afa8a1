// The simulated catalog: creators with home topics, quality and upload rates; videos with a latent
// topic vector, quality, duration, sound, language and upload time. Everything follows from the
// seed, so two runs (or the demo and a later `foryou sim --url`) see the same world.
import type { Creator, Item } from '../core/index.js';
import { makeCaption } from './captions.js';
import { Rng } from '../core/index.js';
import { cumulative } from './rng.js';
import { LANGUAGES } from './locales.js';
import { TOPICS } from './vocab.js';

const DAY = 86_400_000;

export interface WorldOptions {
  seed: number;
  videos?: number;
  creators?: number;
  /** How many of the built-in topics to use (at most 20). */
  topics?: number;
  /** The world's present, ms since the epoch; uploads fall in the 30 days before it. */
  now?: number;
  /** Extra videos uploaded (createdAt) during the this many hours after `now`, at the same rate. */
  futureHours?: number;
  /** How far back the catalog reaches, in days (default 30). */
  historyDays?: number;
}

export interface Topic {
  index: number;
  name: string;
  tags: readonly string[];
}

/** What the simulator knows about a creator and the engine does not. */
export interface SimCreator {
  index: number;
  id: string;
  /** One or two home topics. */
  topics: number[];
  quality: number;
  /** Mean uploads per day. */
  uploadRate: number;
  language: number;
}

/** Latent data of every video, struct-of-arrays so the hot loops stay in typed arrays. */
export interface VideoHidden {
  count: number;
  dim: number;
  /** count x dim, row-major, each row on the simplex with at most TOPICS_PER_VIDEO non-zeros. */
  topicVectors: Float32Array;
  /** The same vectors, sparse: count x TOPICS_PER_VIDEO topic indices and weights (weight 0 pads). */
  topicIndex: Uint8Array;
  topicWeight: Float32Array;
  primaryTopic: Uint8Array;
  quality: Float32Array;
  durationMs: Float64Array;
  createdAtMs: Float64Array;
  creator: Int32Array;
  language: Uint8Array;
  sound: Int32Array;
}

export interface World {
  seed: number;
  now: number;
  topics: Topic[];
  languages: string[];
  /** By topic index: watching needs no shared language (music, pets, asmr...). */
  visualTopics: boolean[];
  items: Item[];
  creators: Creator[];
  simCreators: SimCreator[];
  hidden: VideoHidden;
  /** Item id -> video index. */
  index: Map<string, number>;
  soundCount: number;
}

/**
 * Topics a video's vector may mix. A Dirichlet draw puts almost all its mass on a few topics
 * anyway; cutting the dust makes every affinity a 3-term dot product.
 */
export const TOPICS_PER_VIDEO = 3;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Short-video lengths: log-normal around 18 s, clamped to 5-180 s, so most are short. */
function sampleDurationMs(rng: Rng): number {
  const s = Math.exp(Math.log(18) + 0.8 * rng.normal());
  return Math.round(Math.min(180, Math.max(5, s)) * 10) * 100;
}

/** Zeroes all but the `k` largest components and renormalises; returns their indices, largest first. */
function keepLargest(row: Float32Array, k: number): number[] {
  const kept: number[] = [];
  for (let i = 0; i < row.length; i++) {
    if (row[i]! <= 0 && kept.length > 0) continue;
    let j = kept.length;
    if (j === k && row[i]! <= row[kept[k - 1]!]!) continue;
    if (j === k) j -= 1;
    while (j > 0 && row[kept[j - 1]!]! < row[i]!) {
      kept[j] = kept[j - 1]!;
      j--;
    }
    kept[j] = i;
  }
  let sum = 0;
  for (const i of kept) sum += row[i]!;
  const values = kept.map((i) => row[i]! / sum);
  row.fill(0);
  kept.forEach((i, j) => (row[i] = values[j]!));
  return kept;
}

export function generateWorld(options: WorldOptions): World {
  const rng = new Rng(options.seed);
  const now = options.now ?? Date.UTC(2026, 10, 28);
  const dim = Math.max(2, Math.min(TOPICS.length, options.topics ?? TOPICS.length));
  const nPast = options.videos ?? 10_000;
  const historyMs = (options.historyDays ?? 30) * DAY;
  const nFuture = Math.round((nPast * ((options.futureHours ?? 0) * 3_600_000)) / historyMs);
  const nVideos = nPast + nFuture;
  const nCreators = Math.max(1, options.creators ?? 500);
  const topics: Topic[] = TOPICS.slice(0, dim).map((t, index) => ({ index, name: t.name, tags: t.tags }));
  const languageShares = cumulative(LANGUAGES.map((l) => l.share));

  const creatorRng = rng.fork(1);
  const simCreators: SimCreator[] = [];
  const creators: Creator[] = [];
  for (let c = 0; c < nCreators; c++) {
    const home = creatorRng.int(dim);
    const second = creatorRng.chance(0.4) ? creatorRng.int(dim) : home;
    const language = creatorRng.chance(0.85) ? 0 : creatorRng.weighted(languageShares);
    const sc: SimCreator = {
      index: c,
      id: `c${pad(c + 1, 4)}`,
      topics: second === home ? [home] : [home, second],
      quality: creatorRng.beta(3, 3),
      uploadRate: creatorRng.lognormal(1, 1),
      language,
    };
    simCreators.push(sc);
    const topicName = TOPICS[home]!.name;
    creators.push({
      id: sc.id,
      name: `${topicName}_${pad(creatorRng.int(1000), 3)}`,
      createdAt: new Date(now - (60 + creatorRng.int(900)) * DAY).toISOString(),
      verified: sc.quality > 0.75 && creatorRng.chance(0.5),
    });
  }
  const creatorWeights = cumulative(simCreators.map((c) => c.uploadRate));

  // Sounds belong to a topic; the first few are the world's trending sounds any video may use.
  const soundCount = Math.max(20, Math.round(nVideos / 40));
  const soundsByTopic: number[][] = topics.map(() => []);
  for (let s = 0; s < soundCount; s++) soundsByTopic[s % dim]!.push(s);

  const hidden: VideoHidden = {
    count: nVideos,
    dim,
    topicVectors: new Float32Array(nVideos * dim),
    topicIndex: new Uint8Array(nVideos * TOPICS_PER_VIDEO),
    topicWeight: new Float32Array(nVideos * TOPICS_PER_VIDEO),
    primaryTopic: new Uint8Array(nVideos),
    quality: new Float32Array(nVideos),
    durationMs: new Float64Array(nVideos),
    createdAtMs: new Float64Array(nVideos),
    creator: new Int32Array(nVideos),
    language: new Uint8Array(nVideos),
    sound: new Int32Array(nVideos),
  };
  const items: Item[] = new Array<Item>(nVideos);
  const index = new Map<string, number>();
  const videoRng = rng.fork(2);
  const alphas = new Float32Array(dim);
  const row = new Float32Array(dim);
  const width = Math.max(5, String(nVideos).length);

  for (let v = 0; v < nVideos; v++) {
    const creator = simCreators[videoRng.weighted(creatorWeights)]!;
    alphas.fill(0.04);
    alphas[creator.topics[0]!] = 3;
    if (creator.topics[1] !== undefined) alphas[creator.topics[1]] = 1.5;
    videoRng.dirichlet(alphas, row);
    const kept = keepLargest(row, TOPICS_PER_VIDEO);
    hidden.topicVectors.set(row, v * dim);
    for (let j = 0; j < kept.length; j++) {
      hidden.topicIndex[v * TOPICS_PER_VIDEO + j] = kept[j]!;
      hidden.topicWeight[v * TOPICS_PER_VIDEO + j] = row[kept[j]!]!;
    }
    const primary = kept[0]!;
    const secondary = kept.length > 1 ? kept[1]! : -1;

    const quality = Math.min(0.99, Math.max(0.01, creator.quality + videoRng.normal(0, 0.12)));
    const durationMs = sampleDurationMs(videoRng);
    const createdAtMs =
      v < nPast
        ? now - Math.floor(videoRng.next() * historyMs)
        : now + 1 + Math.floor(videoRng.next() * (options.futureHours ?? 0) * 3_600_000);
    const sound = videoRng.chance(0.15)
      ? videoRng.int(Math.min(10, soundCount))
      : videoRng.pick(soundsByTopic[primary]!);
    const language = creator.language;

    hidden.primaryTopic[v] = primary;
    hidden.quality[v] = quality;
    hidden.durationMs[v] = durationMs;
    hidden.createdAtMs[v] = createdAtMs;
    hidden.creator[v] = creator.index;
    hidden.language[v] = language;
    hidden.sound[v] = sound;

    const { caption, hashtags } = makeCaption(
      videoRng,
      primary,
      secondary >= 0 && row[secondary]! > 0.2 ? secondary : null,
      language,
    );
    const lang = LANGUAGES[language]!;
    const id = `v${pad(v + 1, width)}`;
    index.set(id, v);
    items[v] = {
      id,
      creatorId: creator.id,
      caption,
      hashtags,
      topics: [TOPICS[primary]!.name],
      soundId: `s${pad(sound + 1, 4)}`,
      durationMs,
      createdAt: new Date(createdAtMs).toISOString(),
      language: lang.language,
      region: lang.regions[v % lang.regions.length]!,
      status: 'active',
    };
  }

  return {
    seed: options.seed,
    now,
    topics,
    languages: LANGUAGES.map((l) => l.language),
    visualTopics: topics.map((t) => TOPICS[t.index]!.visual),
    items,
    creators,
    simCreators,
    hidden,
    index,
    soundCount,
  };
}

/** Videos uploaded at or before `t`. */
export function isVisible(world: World, video: number, t: number): boolean {
  return world.hidden.createdAtMs[video]! <= t;
}
