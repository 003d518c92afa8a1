// Configuration, validated with zod. Every field has a default, so no file is needed; a JSON file,
// environment variables and command-line flags override it, in that order.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EVENT_TYPES, type EventType } from './schemas.js';

export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The longest time budget a candidate source may be given. */
export const MAX_SOURCE_TIMEOUT_MS = 10_000;

/** A candidate source's settings; each field can be given alone, the rest keep their defaults. */
const sourceConfig = (quota: number, weight = 1) =>
  z
    .object({
      enabled: z.boolean().default(true),
      /** Most candidates the source may contribute to one request. */
      quota: z.number().int().min(1).max(10_000).default(quota),
      /** After this the source is dropped from the response (fail open). */
      timeoutMs: z.number().int().min(1).max(MAX_SOURCE_TIMEOUT_MS).default(50),
      /** Weight of the source's ranks in recall fusion (reciprocal-rank fusion). */
      weight: z.number().min(0).default(weight),
    })
    .prefault({});

const defaultEventWeights: Record<EventType, number> = {
  impression: 0,
  watch: 1,
  skip: -0.3,
  like: 2,
  unlike: -2,
  share: 3,
  comment: 1.5,
  follow: 2,
  unfollow: -1,
  not_interested: -3,
  report: -5,
};

/** Page positions (0-based), kept in order and without repeats. */
const slotList = (slots: number[]) =>
  z
    .array(z.number().int().min(0).max(499))
    .max(50)
    .default(slots)
    .transform((list) => [...new Set(list)].sort((a, b) => a - b));

/** The re-rank stage: scorers that adjust the blended score, then selectors that build the page. */
const rerankConfig = z
  .object({
    /** Never two in a row from one creator (nor, with `sound`, with one sound). */
    spacing: z
      .object({
        enabled: z.boolean().default(true),
        sound: z.boolean().default(true),
        /** Candidate checks the search may spend backtracking before it settles for a shorter page. */
        searchBudget: z.number().int().min(0).default(50_000),
      })
      .prefault({}),
    /** At most `maxPerTopic` videos of one topic among any `window` consecutive ones (soft). */
    topicSpread: z
      .object({
        enabled: z.boolean().default(true),
        window: z.number().int().min(2).max(50).default(4),
        maxPerTopic: z.number().int().min(1).default(2),
        /** Candidates examined per position for one that fits. */
        lookahead: z.number().int().min(1).default(50),
      })
      .prefault({}),
    /** Exploration slots: Thompson sampling of the completion rate among uncertain candidates. */
    exploration: z
      .object({
        enabled: z.boolean().default(true),
        slots: slotList([3, 8]),
        /** Candidates with fewer lifetime impressions than this are uncertain enough to explore. */
        maxImpressions: z.number().int().min(1).default(200),
        /** Beta(completions + alpha, plays - completions + beta) prior. */
        alpha: z.number().positive().default(1),
        beta: z.number().positive().default(1),
        /** Only the best `depth` candidates by score are drawn from, so exploration stays relevant. */
        depth: z.number().int().min(1).default(300),
      })
      .prefault({}),
    /** Followed creators' new videos (`feed.recall.followingWindowMs`) get these page positions. */
    following: z
      .object({
        enabled: z.boolean().default(true),
        slots: slotList([1]),
      })
      .prefault({}),
    /** New-video traffic pools: guaranteed impressions per level, promotion on beating the medians. */
    trafficPools: z
      .object({
        enabled: z.boolean().default(true),
        /** Impressions guaranteed up to, by level (L0, L1, L2; past the last, unbounded). */
        caps: z
          .array(z.number().int().min(1))
          .min(1)
          .default([100, 1000, 10_000])
          .refine((caps) => caps.every((c, i) => i === 0 || c > caps[i - 1]!), 'caps must ascend'),
        /** Uploads younger than this are in the pools. */
        maxAgeMs: z
          .number()
          .int()
          .min(60_000)
          .default(7 * 24 * 3_600_000),
        /** Rates are smoothed towards the catalog's with a prior worth this many plays. */
        priorPlays: z.number().min(0).default(20),
        /** A level finished by fewer videos than this is judged against the catalog's rates. */
        minCohort: z.number().int().min(1).default(10),
        rebuildEveryMs: z.number().int().min(100).default(5000),
        /** Page positions reserved for videos still owed impressions. */
        slots: slotList([5]),
        /** The `pool` candidate source that recalls them (fusion weight 0: not a relevance signal). */
        quota: z.number().int().min(1).max(10_000).default(50),
        timeoutMs: z.number().int().min(1).max(MAX_SOURCE_TIMEOUT_MS).default(50),
        weight: z.number().min(0).default(0),
      })
      .prefault({}),
    /** Session fatigue: less of a creator or topic the user has had many of in this session. */
    fatigue: z
      .object({
        enabled: z.boolean().default(true),
        /** What was served (and engaged with) this recently makes the session. */
        sessionMs: z
          .number()
          .int()
          .min(60_000)
          .default(30 * 60_000),
        /** Free videos of one creator per session; each one past them costs `creatorPenalty`. */
        creatorAfter: z.number().int().min(0).default(2),
        creatorPenalty: z.number().min(0).default(0.3),
        topicAfter: z.number().int().min(0).default(4),
        topicPenalty: z.number().min(0).default(0.1),
        /** Most a candidate loses to fatigue. */
        maxPenalty: z.number().min(0).default(1.5),
      })
      .prefault({}),
    /** Cold start: Thompson sampling over topics for users with few engagements (rerank/interest-bandit.ts). */
    interestBandit: z
      .object({
        enabled: z.boolean().default(true),
        /** Score added for a draw of 1. */
        weight: z.number().min(0).default(2),
        /** Beta(wins + alpha, losses + beta) per topic. */
        alpha: z.number().positive().default(1),
        beta: z.number().positive().default(1),
        /** Engagements this recent count as wins. */
        sessionMs: z
          .number()
          .int()
          .min(60_000)
          .default(30 * 60_000),
        /** Users with this many positive engagements in their profile are past cold start. */
        maxEngagements: z.number().int().min(1).default(10),
      })
      .prefault({}),
    /** "Not interested": suppress creators and topics whose decayed affinity is strongly negative. */
    notInterested: z
      .object({
        enabled: z.boolean().default(true),
        /** One "not interested" puts -3 (eventWeights) on the creator and each topic. */
        creatorThreshold: z.number().max(0).default(-2),
        /** Scores are about 0 to 3: this leaves the page unless nothing else is left. */
        creatorPenalty: z.number().min(0).default(100),
        topicThreshold: z.number().max(0).default(-2),
        topicPenalty: z.number().min(0).default(1),
      })
      .prefault({}),
  })
  .prefault({});

export const ConfigSchema = z.object({
  dataDir: z.string().min(1).default('./data'),
  server: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65_535).default(8080),
      /** Largest request body; bigger ones get 413. */
      bodyLimitBytes: z
        .number()
        .int()
        .min(1024)
        .default(4 * 1024 * 1024),
      logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
      /**
       * Collect V8's young generation when no request is in flight (see server/idle-collection.ts),
       * so that feeds rarely pay for a scavenge of their own half-built candidates.
       */
      idleCollection: z.boolean().default(true),
    })
    .prefault({}),
  store: z
    .object({
      /** SQLite `synchronous`: `full` fsyncs every commit, so an acknowledged write survives power loss. */
      synchronous: z.enum(['full', 'normal']).default('full'),
    })
    .prefault({}),
  auth: z
    .object({
      /** No keys: the API is open (the demo's mode). Any key: every /v1 call needs one. */
      keys: z
        .array(
          z.object({
            key: z.string().min(16, 'API keys must be at least 16 characters'),
            scopes: z.array(z.enum(SCOPES)).min(1),
            name: z.string().optional(),
          }),
        )
        .default([]),
    })
    .prefault({}),
  ingest: z
    .object({
      maxBatch: z.number().int().min(1).max(10_000).default(1000),
      /** Events stamped further in the future than this are refused (a wrong client clock). */
      maxFutureSkewMs: z
        .number()
        .int()
        .min(0)
        .default(24 * 3_600_000),
    })
    .prefault({}),
  feed: z
    .object({
      defaultN: z.number().int().min(1).max(100).default(10),
      maxN: z.number().int().min(1).max(500).default(100),
      /** Items served but not yet reported as seen stay out of the feed for this long. */
      servedTtlMs: z
        .number()
        .int()
        .min(0)
        .default(30 * 60_000),
      trendingHalfLifeMs: z
        .number()
        .int()
        .min(60_000)
        .default(24 * 3_600_000),
      freshnessHalfLifeMs: z
        .number()
        .int()
        .min(60_000)
        .default(48 * 3_600_000),
      /**
       * The mix of candidate sources: each one's quota, time budget and recall-fusion weight
       * (src/recall). Default weights: plain reciprocal-rank fusion (fresh 0: it is exploration, not
       * relevance), which did best in the simulator (bench/results/recall.md); on MovieLens the
       * embedding source alone carries the ranking (the `sources` eval model uses those weights).
       */
      sources: z
        .object({
          trending: sourceConfig(100, 1),
          quality: sourceConfig(100, 1),
          fresh: sourceConfig(50, 0),
          coEngagement: sourceConfig(100, 1),
          embedding: sourceConfig(100, 1),
          content: sourceConfig(50, 1),
          following: sourceConfig(50, 1),
        })
        .prefault({}),
      /** What the sources themselves are tuned by. */
      recall: z
        .object({
          /** Fresh pool: uploads younger than this with fewer impressions than `freshMaxImpressions`. */
          freshWindowMs: z
            .number()
            .int()
            .min(60_000)
            .default(48 * 3_600_000),
          freshMaxImpressions: z.number().int().min(1).default(500),
          /** Quality pool: plays worth of prior belief in the global mean rates (Bayesian smoothing). */
          qualityPriorPlays: z.number().min(0).default(20),
          qualityLikeWeight: z.number().min(0).default(2),
          qualityShareWeight: z.number().min(0).default(4),
          /** Items kept per quality pool (one pool per topic x language, per topic, per language, all). */
          qualityPoolSize: z.number().int().min(1).default(300),
          /** Co-engagement: the user's last positive engagements used as seeds. */
          coEngagementSeeds: z.number().int().min(1).max(100).default(5),
          /** Candidate score is divided by (neighbour popularity)^this: 0 = raw counts, 1 = fully normalised. */
          coEngagementPopularityExponent: z.number().min(0).max(1).default(0.5),
          /** Embedding and content recall: recent engagements folded into the user's vector. */
          vectorSeeds: z.number().int().min(1).max(500).default(50),
          /** Following: a followed creator's uploads younger than this. */
          followingWindowMs: z
            .number()
            .int()
            .min(60_000)
            .default(7 * 24 * 3_600_000),
        })
        .prefault({}),
      /**
       * Blend of the first scorer: trending * norm(trending) + freshness * freshness + recall * norm(rrf).
       * Light next to the learned model (`learner.scoreWeight`), which knows better once it has
       * learned; new videos get their chance from the fresh source and the traffic pools rather
       * than from freshness. Chosen in the simulator (bench/results/ranking-objective.md).
       */
      weights: z
        .object({
          trending: z.number().default(0.3),
          freshness: z.number().default(0),
          recall: z.number().default(0.3),
        })
        .prefault({}),
      /** The re-rank stage (src/rerank): each rule can be switched off or tuned on its own. */
      rerank: rerankConfig,
      /**
       * The version of the ranking model served: 0 follows the newest the learner publishes; a
       * number pins that registered version (an experiment arm comparing model versions).
       */
      rankerVersion: z.number().int().min(0).default(0),
    })
    .prefault({}),
  /** The profile processor: what counts as engagement, and how fast it fades. */
  profile: z
    .object({
      halfLifeMs: z
        .number()
        .int()
        .min(60_000)
        .default(7 * 24 * 3_600_000),
      /** A watch counts as positive from this watch ratio, and as completed from `completedRatio`. */
      positiveRatio: z.number().min(0).max(3).default(0.5),
      completedRatio: z.number().min(0).max(3).default(0.9),
      maxRecent: z.number().int().min(1).max(1000).default(50),
      maxAffinities: z.number().int().min(1).max(1000).default(32),
      maxFollows: z.number().int().min(1).max(100_000).default(1000),
      /** Co-visitation: two positive engagements of one user this close in time count as co-visited. */
      sessionGapMs: z
        .number()
        .int()
        .min(1000)
        .default(30 * 60_000),
      /** Co-visitation: neighbours kept per item (the weakest are pruned). */
      coVisitNeighbours: z.number().int().min(1).max(1000).default(50),
    })
    .prefault({}),
  /** The sample joiner: served items joined with the engagements that follow into training samples. */
  joiner: z
    .object({
      /** A sample closes this long (event time) after its first event, at the latest. */
      windowMs: z
        .number()
        .int()
        .min(1000)
        .default(5 * 60_000),
      /** ...or this long after the view ended (a watch or skip event), so the learner hears within seconds. */
      closeAfterViewMs: z.number().int().min(0).default(3000),
      /** Most samples open at once; past it the oldest is closed early. */
      maxPending: z.number().int().min(1).default(100_000),
    })
    .prefault({}),
  /** The online learner of the ranking model (stream/learner.ts) and its scorer (rank/ranker.ts). */
  learner: z
    .object({
      /**
       * Whether a server runs the learner (`foryou learn`, in a child process). Only one process per
       * data directory should learn: turn it off in all but one when several serve one directory.
       */
      enabled: z.boolean().default(true),
      /** Publish a new model version this often (when something was learned). */
      publishEveryMs: z.number().int().min(100).default(5000),
      /** Look for new samples this often. */
      stepEveryMs: z.number().int().min(10).default(200),
      /** FTRL-proximal: 2^bits hashed feature coordinates per head. */
      bits: z.number().int().min(8).max(26).default(18),
      /** Per-coordinate learning rate alpha / (beta + sqrt(sum of squared gradients)). */
      alpha: z.number().positive().default(0.1),
      beta: z.number().min(0).default(1),
      /** L1 (exact zeros for weak features) and L2 regularisation. */
      l1: z.number().min(0).default(1),
      l2: z.number().min(0).default(1),
      /**
       * The final score is the weighted sum of the heads plus `watchTime` times the expected watch
       * time in tens of seconds, E[watch ratio] x duration (see DEFAULT_HEAD_WEIGHTS in models).
       */
      headWeights: z
        .object({
          finish: z.number().default(0),
          watch: z.number().default(0),
          like: z.number().default(2),
          share: z.number().default(3),
          follow: z.number().default(3),
          quickSkip: z.number().default(-1),
          watchTime: z.number().default(4),
        })
        .prefault({}),
      /** The learned scorer adds scoreWeight * model_score to the blend scorer's score. */
      scoreWeight: z.number().default(2),
    })
    .prefault({}),
  /** The event log. */
  log: z
    .object({
      /**
       * Records older than this leave the log once every consumer group (the warehouse export
       * among them) has processed them; 0 = keep everything.
       */
      retentionMs: z
        .number()
        .int()
        .min(0)
        .default(7 * 24 * 3_600_000),
    })
    .prefault({}),
  /** The Parquet warehouse (`<dataDir>/warehouse`, docs/WAREHOUSE.md). */
  warehouse: z
    .object({
      /**
       * While serving, export new events and samples this often (in a child process); the log's
       * retention then waits for the export. 0 = only by `foryou warehouse export`.
       */
      exportEveryMs: z.number().int().min(0).default(60_000),
    })
    .prefault({}),
  /** Batch training of the embedding model from the event log into the model registry. */
  train: z
    .object({
      /** Train this often while serving (in a child process); 0 = only by `foryou train`. */
      everyMs: z.number().int().min(0).default(0),
      /** Only events this recent; 0 = the whole log. */
      windowMs: z.number().int().min(0).default(0),
    })
    .prefault({}),
  /** The experiment platform (src/experiments, docs/EXPERIMENTS.md). */
  experiments: z
    .object({
      /** Percent of all users kept out of every experiment (a long-term holdout). */
      holdoutPercent: z.number().min(0).max(100).default(0),
      /** Significance level of every comparison. */
      alpha: z.number().gt(0).lt(1).default(0.05),
      /** The pre-period whose per-user metrics CUPED uses as covariates. */
      preperiodMs: z
        .number()
        .int()
        .min(0)
        .default(7 * 24 * 3_600_000),
      /** Events further apart than this start a new session. */
      sessionGapMs: z
        .number()
        .int()
        .min(1000)
        .default(30 * 60_000),
      /** The retention proxy: a user active again this long after their first exposure. */
      returnAfterMs: z
        .number()
        .int()
        .min(1000)
        .default(24 * 3_600_000),
      /** The change of the primary metric (relative) the recommended sample size is for. */
      mdeRelative: z.number().gt(0).default(0.05),
    })
    .prefault({}),
  /** What each event type adds to an item's engagement score (watch: times the watch ratio). */
  eventWeights: z
    .object(
      Object.fromEntries(EVENT_TYPES.map((t) => [t, z.number().default(defaultEventWeights[t])])) as Record<
        EventType,
        z.ZodDefault<z.ZodNumber>
      >,
    )
    .prefault({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates raw configuration; the error lists every bad field by its path. */
export function parseConfig(raw: unknown, origin = 'configuration'): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid ${origin}:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** `FORYOU_API_KEYS="key1:ingest+read,key2:admin"` -> auth keys. */
function parseKeyList(value: string): { key: string; scopes: string[] }[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [key = '', scopes = 'admin'] = entry.split(':');
      return { key, scopes: scopes.split('+') };
    });
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

export interface LoadConfigOptions {
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Flat overrides from the command line, by dotted path: `{ 'server.port': 9000 }`. */
  overrides?: Record<string, unknown>;
}

/** Defaults <- JSON file <- FORYOU_* environment <- flags. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  let raw: Record<string, unknown> = {};
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (e) {
      throw new ConfigError(`Cannot read config file ${options.file}: ${(e as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`Config file ${options.file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const fromEnv: [string, string[], (v: string) => unknown][] = [
    ['FORYOU_DATA_DIR', ['dataDir'], (v) => v],
    ['FORYOU_HOST', ['server', 'host'], (v) => v],
    ['FORYOU_PORT', ['server', 'port'], (v) => Number(v)],
    ['FORYOU_LOG_LEVEL', ['server', 'logLevel'], (v) => v],
    ['FORYOU_API_KEYS', ['auth', 'keys'], parseKeyList],
  ];
  for (const [name, path, convert] of fromEnv) {
    const value = env[name];
    if (value !== undefined && value !== '') setIn(raw, path, convert(value));
  }
  for (const [path, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) setIn(raw, path.split('.'), value);
  }
  return parseConfig(raw, options.file ? `configuration (${options.file})` : 'configuration');
}
