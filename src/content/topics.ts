// Topic labels for items from their hashtags. With labelled items, P(topic | hashtag) is counted
// with additive smoothing; without any, hashtags are clustered by co-occurrence and each cluster
// is a topic named after its main hashtag. Either way an item's topics are the IDF-weighted mix of
// its hashtags' topic distributions, so #fyp, #viral and #foryou, on every kind of video, weigh
// little next to #pasta.
import { clusterHashtags } from './cluster.js';
import { normalizeTag, tagTokens, type TextContent } from './tokenize.js';

export interface TopicItem extends TextContent {
  topics?: readonly string[];
}

export interface TopicScore {
  topic: string;
  score: number;
}

/** Anything that labels items with topics; the content encoder takes one for extra features. */
export interface TopicPredictor {
  predict(item: TextContent, k?: number): TopicScore[];
}

export interface TopicModelOptions {
  /** Additive smoothing of P(topic | hashtag) (default 0.1). */
  smoothing?: number;
  /** Number of topics when no item carries topics (default 20). */
  clusters?: number;
  seed?: number;
  /** Unsupervised: hashtags on fewer items are not clustered (default 2). */
  minCount?: number;
  /** Unsupervised: at most this many hashtags, the most frequent (default 5000). */
  maxTags?: number;
  /**
   * Unsupervised: hashtags whose co-occurrences diverge less than this (KL, nats) from the
   * average tag's are generic (#fyp) and left out of every cluster (default 0.5).
   */
  minSpecificity?: number;
}

export interface TopicModelJSON {
  mode: 'supervised' | 'clustered';
  topics: string[];
  /** [hashtag, idf, P(topic | hashtag) by topic index]. */
  tags: [string, number, number[]][];
}

export class HashtagTopicModel implements TopicPredictor {
  /** 'supervised' when trained on labelled items, 'clustered' otherwise. */
  mode: 'supervised' | 'clustered' = 'supervised';
  topics: string[] = [];
  private readonly tags = new Map<string, { idf: number; dist: Float64Array }>();
  private readonly options: Required<TopicModelOptions>;

  constructor(options: TopicModelOptions = {}) {
    this.options = {
      smoothing: 0.1,
      clusters: 20,
      seed: 1,
      minCount: 2,
      maxTags: 5000,
      minSpecificity: 0.5,
      ...options,
    };
  }

  /** Learns from `items`: supervised if any carries topics, by clustering hashtags otherwise. */
  fit(items: readonly TopicItem[]): this {
    this.tags.clear();
    const docs = items.map((item) => tagTokens(item).map((t) => t.slice(1)));
    const df = new Map<string, number>();
    for (const doc of docs) for (const t of doc) df.set(t, (df.get(t) ?? 0) + 1);
    // Smoothed IDF, positive even for a tag on every item.
    const idf = (tag: string): number => Math.log((items.length + 1) / ((df.get(tag) ?? 0) + 1)) + 1e-3;

    const labelled = items.some((item) => (item.topics?.length ?? 0) > 0);
    if (labelled) this.fitSupervised(items, docs, idf);
    else this.fitClusters(docs, idf);
    return this;
  }

  private fitSupervised(items: readonly TopicItem[], docs: string[][], idf: (tag: string) => number): void {
    this.mode = 'supervised';
    const topicIndex = new Map<string, number>();
    const counts = new Map<string, Map<number, number>>();
    items.forEach((item, i) => {
      const topics = [...new Set((item.topics ?? []).map(normalizeTag))].filter((t) => t !== '');
      if (topics.length === 0) return;
      // A video on two topics gives each half a vote, so P(topic | tag) stays a distribution.
      const share = 1 / topics.length;
      for (const tag of docs[i]!) {
        const row = counts.get(tag) ?? new Map<number, number>();
        counts.set(tag, row);
        for (const topic of topics) {
          if (!topicIndex.has(topic)) topicIndex.set(topic, topicIndex.size);
          const t = topicIndex.get(topic)!;
          row.set(t, (row.get(t) ?? 0) + share);
        }
      }
    });
    this.topics = [...topicIndex.keys()];
    const a = this.options.smoothing;
    const n = this.topics.length;
    for (const [tag, row] of counts) {
      let total = 0;
      for (const c of row.values()) total += c;
      const dist = new Float64Array(n).fill(a / (total + a * n));
      for (const [t, c] of row) dist[t] = (c + a) / (total + a * n);
      this.tags.set(tag, { idf: idf(tag), dist });
    }
  }

  private fitClusters(docs: string[][], idf: (tag: string) => number): void {
    this.mode = 'clustered';
    const found = clusterHashtags(docs, { ...this.options, iterations: 30, restarts: 8 });
    this.topics = found.names;
    for (const [tag, { cluster, weight }] of found.members) {
      // A hashtag's cosine to its cluster is how much its presence says about that topic.
      const dist = new Float64Array(found.names.length);
      dist[cluster] = weight;
      this.tags.set(tag, { idf: idf(tag), dist });
    }
  }

  /** The `k` most likely topics of `item`, scores summing to 1 over all topics; [] without known tags. */
  predict(item: TextContent, k = 3): TopicScore[] {
    const scores = new Float64Array(this.topics.length);
    let total = 0;
    for (const token of tagTokens(item)) {
      const tag = this.tags.get(token.slice(1));
      if (tag === undefined) continue;
      for (let t = 0; t < scores.length; t++) {
        scores[t] = scores[t]! + tag.idf * tag.dist[t]!;
        total += tag.idf * tag.dist[t]!;
      }
    }
    if (total <= 0) return [];
    return Array.from(scores, (score, t) => ({ topic: this.topics[t]!, score: score / total }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1))
      .slice(0, k);
  }

  toJSON(): TopicModelJSON {
    const tags = [...this.tags].map(([tag, { idf, dist }]): [string, number, number[]] => [
      tag,
      idf,
      [...dist],
    ]);
    return { mode: this.mode, topics: [...this.topics], tags };
  }

  static fromJSON(json: TopicModelJSON, options: TopicModelOptions = {}): HashtagTopicModel {
    const model = new HashtagTopicModel(options);
    model.mode = json.mode;
    model.topics = [...json.topics];
    for (const [tag, idf, dist] of json.tags) model.tags.set(tag, { idf, dist: Float64Array.from(dist) });
    return model;
  }
}
