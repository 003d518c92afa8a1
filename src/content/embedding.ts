// Content embeddings: a fixed-size vector per item from its caption and hashtags, so that the
// inner product of two (unit) vectors says how alike their content is. Tokens are TF-IDF weighted
// and feature-hashed straight into `dims` signed buckets (the hashing trick: no vocabulary to
// store or grow, and a new item encodes without refitting); the sign bit makes colliding tokens
// cancel in expectation instead of adding up, so inner products stay unbiased.
import { hashString } from '../core/index.js';
import { contentTokens, type TextContent } from './tokenize.js';
import type { TopicPredictor } from './topics.js';

export interface ContentEncoderOptions {
  /** Embedding size (default 64). */
  dims?: number;
  /** Weight of a hashtag relative to a caption word (default 2): tags are chosen to describe. */
  hashtagWeight?: number;
  /** Selects the hash functions; encoders with different seeds produce unrelated vectors. */
  seed?: number;
  /** IDF of tokens unseen by `fit` (default 1, that of the most common token). */
  unseenIdf?: number;
  /** Adds the predicted topics as extra features. */
  topics?: TopicPredictor;
  /** Weight of the topic part relative to the (unit) text part (default 0.5). */
  topicWeight?: number;
  /** Topics predicted per item (default 3). */
  topicCount?: number;
}

export interface ContentEncoderJSON {
  version: 1;
  dims: number;
  hashtagWeight: number;
  seed: number;
  unseenIdf: number;
  topicWeight: number;
  topicCount: number;
  /** Parallel arrays rather than an object: tokens like '__proto__' must not be keys. */
  tokens: string[];
  idf: number[];
}

/** A token's bucket, sign and IDF, computed once per fitted token. */
interface Feature {
  index: number;
  sign: number;
  idf: number;
}

export class ContentEncoder {
  readonly dims: number;
  readonly hashtagWeight: number;
  readonly seed: number;
  readonly unseenIdf: number;
  readonly topicWeight: number;
  readonly topicCount: number;
  private readonly topics: TopicPredictor | undefined;
  private readonly features = new Map<string, Feature>();
  private readonly scratch: Float32Array;

  constructor(options: ContentEncoderOptions = {}) {
    this.dims = options.dims ?? 64;
    if (!Number.isInteger(this.dims) || this.dims < 1)
      throw new RangeError(`dims must be a positive integer`);
    this.hashtagWeight = options.hashtagWeight ?? 2;
    this.seed = options.seed ?? 0;
    this.unseenIdf = options.unseenIdf ?? 1;
    this.topics = options.topics;
    this.topicWeight = options.topicWeight ?? 0.5;
    this.topicCount = options.topicCount ?? 3;
    this.scratch = new Float32Array(this.dims);
  }

  /** Learns IDF from `items`: smoothed, ln((1 + n) / (1 + df)) + 1, so every fitted token has >= 1. */
  fit(items: readonly TextContent[]): this {
    const df = new Map<string, number>();
    for (const item of items) for (const t of new Set(contentTokens(item))) df.set(t, (df.get(t) ?? 0) + 1);
    this.features.clear();
    for (const [token, n] of df)
      this.features.set(token, this.feature(token, Math.log((1 + items.length) / (1 + n)) + 1));
    return this;
  }

  private feature(token: string, idf: number): Feature {
    // One well-mixed hash serves twice: low bits pick the bucket, the top bit the sign.
    const h = hashString(token, this.seed);
    return { index: h % this.dims, sign: h >>> 31 === 1 ? -1 : 1, idf };
  }

  /** The IDF `encode` uses for `token` (a caption word, '#tag' or emoji). */
  idfOf(token: string): number {
    return this.features.get(token)?.idf ?? this.unseenIdf;
  }

  /** A fresh unit vector for `item`, or all zeros when it has no content tokens. */
  encode(item: TextContent): Float32Array {
    const out = new Float32Array(this.dims);
    this.encodeInto(item, out, 0);
    return out;
  }

  /**
   * Writes the embedding into out[offset .. offset + dims) (zeros when there is no content) and
   * returns whether it has content, so callers can fill one large matrix without allocating.
   */
  encodeInto(item: TextContent, out: Float32Array, offset = 0): boolean {
    const v = out.subarray(offset, offset + this.dims);
    if (v.length !== this.dims) throw new RangeError('out is too short for offset + dims');
    v.fill(0);
    const tf = new Map<string, number>();
    for (const t of contentTokens(item)) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [token, n] of tf) {
      const f = this.features.get(token) ?? this.feature(token, this.unseenIdf);
      // Sublinear term frequency: a word said three times is not three times the topic.
      const w = (1 + Math.log(n)) * f.idf * (token.startsWith('#') ? this.hashtagWeight : 1);
      v[f.index] = v[f.index]! + f.sign * w;
    }
    let has = normalize(v);
    if (this.topics !== undefined && this.topicWeight > 0) has = this.addTopics(item, v) || has;
    return has;
  }

  /** Adds the predicted topics, as a unit vector of their own scaled by topicWeight. */
  private addTopics(item: TextContent, v: Float32Array): boolean {
    const predicted = this.topics!.predict(item, this.topicCount);
    if (predicted.length === 0) return false;
    const t = this.scratch.fill(0);
    for (const { topic, score } of predicted) {
      const f = this.feature(`topic:${topic}`, 1);
      t[f.index] = t[f.index]! + f.sign * score;
    }
    normalize(t);
    for (let i = 0; i < v.length; i++) v[i] = v[i]! + this.topicWeight * t[i]!;
    return normalize(v);
  }

  toJSON(): ContentEncoderJSON {
    const tokens = [...this.features.keys()];
    return {
      version: 1,
      dims: this.dims,
      hashtagWeight: this.hashtagWeight,
      seed: this.seed,
      unseenIdf: this.unseenIdf,
      topicWeight: this.topicWeight,
      topicCount: this.topicCount,
      tokens,
      idf: tokens.map((t) => this.features.get(t)!.idf),
    };
  }

  /** Restores an encoder; the topic predictor, if any, is not part of the JSON and is passed again. */
  static fromJSON(json: ContentEncoderJSON, topics?: TopicPredictor): ContentEncoder {
    if (json.version !== 1) throw new Error(`unknown ContentEncoder version ${String(json.version)}`);
    if (json.tokens.length !== json.idf.length)
      throw new Error('ContentEncoder JSON: tokens and idf differ in length');
    const { dims, hashtagWeight, seed, unseenIdf, topicWeight, topicCount } = json;
    const encoder = new ContentEncoder({
      dims,
      hashtagWeight,
      seed,
      unseenIdf,
      topicWeight,
      topicCount,
      topics,
    });
    json.tokens.forEach((token, i) => encoder.features.set(token, encoder.feature(token, json.idf[i]!)));
    return encoder;
  }
}

/** Scales `v` to unit length in place; false (and `v` left zero) when it is the zero vector. */
function normalize(v: Float32Array): boolean {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s === 0) return false;
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! * inv;
  return true;
}

/** Cosine of two vectors of equal length; 0 when either is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}
