// The feed's recall stage evaluated like a model: training interactions become a catalog and an
// event log in a scratch engine (ratings as watches, 4 and 5 also as likes, stamped with their
// real times so sessions and co-visitation are real), the stream processors and the embedding
// trainer run as in production, and a user's scores are the weighted reciprocal-rank fusion of
// every source's candidates for them, as the feed's recall fusion computes it. So `foryou eval --models sources` measures the blended sources
// on the same split, protocol and metrics as the models.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type ConfigInput, type Event, type FeedQuery, type Item } from '../core/index.js';
import { Engine } from '../engine/index.js';
import type { Recommender } from '../models/index.js';
import { fusionTerm } from '../rank/index.js';
import type { Interactions } from './interactions.js';

const DURATION_MS = 60_000;

/**
 * Fusion weights chosen on an ml-100k validation split (bench/recall/tune-fusion.ts): there the
 * embedding source carries the ranking and popularity-shaped sources only dilute it. The feed's
 * defaults (plain fusion) were chosen in the simulator instead; a configuration given to the
 * constructor overrides these.
 */
export const MOVIELENS_FUSION_WEIGHTS: Readonly<Record<string, number>> = {
  trending: 0,
  quality: 0,
  fresh: 0,
  coEngagement: 0.1,
  embedding: 1,
  content: 0.1,
  following: 0.5,
};

/** The name `foryou eval --models` knows the feed's recall stage by. */
export const SOURCES_MODEL = 'sources';

/** The MovieLens weights under whatever source settings the caller gave. */
function fusionWeights(given: Record<string, object | undefined> | undefined): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, weight] of Object.entries(MOVIELENS_FUSION_WEIGHTS))
    out[name] = { weight, ...given?.[name] };
  return out;
}

export class SourcesRecommender implements Recommender {
  readonly name = SOURCES_MODEL;
  private engine: Engine | null = null;
  private dir: string | null = null;
  private itemIndex: ReadonlyMap<string, number> = new Map();
  private userIds: readonly string[] = [];
  private now = 0;
  private fittedOn: Interactions | null = null;
  /** Fusion weights by source name, overriding the configured ones (for tuning without refitting). */
  weights: Record<string, number> | null = null;

  constructor(private readonly config: ConfigInput = {}) {}

  /** Fitting the same data object again keeps the engine (tuning scores one fit many ways). */
  fit(train: Interactions): void {
    if (this.fittedOn === train && this.engine) return;
    this.close();
    this.fittedOn = train;
    this.dir = mkdtempSync(join(tmpdir(), 'foryou-eval-sources-'));
    const engine = new Engine(
      parseConfig({
        ...this.config,
        dataDir: this.dir,
        store: { synchronous: 'normal' },
        // Evaluation users have hundreds of ratings: the profile keeps them all, and vector recall
        // folds in up to 200 (production keeps 50: bench/results/recall.md gives both).
        profile: { maxRecent: 1000, ...this.config.profile },
        feed: {
          servedTtlMs: 0,
          ...this.config.feed,
          recall: { vectorSeeds: 200, ...this.config.feed?.recall },
          sources: fusionWeights(this.config.feed?.sources),
        },
      }),
      { startProcessors: false },
    );
    this.engine = engine;
    this.itemIndex = train.itemIndex;
    this.userIds = train.userIds;
    const ts = train.timestamp;
    let first = Infinity;
    let last = 0;
    for (let r = 0; r < train.length; r++) {
      const t = ts ? ts[r]! : r * 1000;
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    this.now = last + 1000;
    // Items exist from before the first rating; their genres are their topics and hashtags.
    const created = new Date(Number.isFinite(first) ? first - 86_400_000 : 0).toISOString();
    const items: Item[] = train.itemIds.map((id, i) => {
      const genres = (train.itemMeta?.genres[i] ?? []).map((g) => g.toLowerCase().replace(/[^a-z0-9]/g, ''));
      return {
        id,
        creatorId: `studio-${id}`,
        caption: train.itemMeta?.title[i] ?? '',
        hashtags: genres.filter((g) => g.length > 0),
        topics: genres.filter((g) => g.length > 0),
        durationMs: DURATION_MS,
        createdAt: created,
      };
    });
    for (let i = 0; i < items.length; i += 1000) engine.ingestor.upsertItems(items.slice(i, i + 1000));
    const order = Array.from({ length: train.length }, (_, r) => r).sort(
      (a, b) => (ts ? ts[a]! - ts[b]! : a - b) || a - b,
    );
    let batch: Event[] = [];
    for (const r of order) {
      const rating = train.rating[r]!;
      const base = {
        userId: train.userIds[train.user[r]!]!,
        itemId: train.itemIds[train.item[r]!]!,
        timestamp: new Date(ts ? ts[r]! : r * 1000).toISOString(),
      };
      batch.push({
        id: `w${r}`,
        type: 'watch',
        watchMs: Math.round((DURATION_MS * Math.min(rating, 5)) / 5),
        durationMs: DURATION_MS,
        ...base,
      });
      if (rating >= 4) batch.push({ id: `l${r}`, type: 'like', ...base });
      if (batch.length >= 5000) {
        engine.ingestor.ingestEvents(batch);
        batch = [];
      }
    }
    engine.ingestor.ingestEvents(batch);
    engine.runner.drain();
    engine.train();
    engine.maintain();
  }

  scoreUser(user: number, out: Float32Array): void {
    out.fill(-Infinity);
    const engine = this.engine;
    if (!engine) throw new Error('sources: fit() first');
    const userId = this.userIds[user]!;
    const query: FeedQuery = {
      request: { requestId: `eval-${user}`, userId, n: 10, now: this.now },
      user: null,
      profile: engine.profiles.get(userId),
      exclude: new Set(),
    };
    for (const source of engine.pipeline.config.sources) {
      const list = source.fetch(query, source.quota);
      if (list instanceof Promise) throw new Error(`source ${source.name} is asynchronous`);
      list.forEach((s, rank) => {
        const i = this.itemIndex.get(s.entry.item.id);
        if (i === undefined) return;
        const prev = out[i]!;
        out[i] =
          (prev === -Infinity ? 0 : prev) + (this.weights?.[source.name] ?? source.weight) * fusionTerm(rank);
      });
    }
  }

  /** Removes the scratch engine and its directory. */
  close(): void {
    this.engine?.close();
    this.engine = null;
    this.fittedOn = null;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
