// Configuration, validated with zod. Every field has a default, so no file is needed; a JSON file,
// environment variables and command-line flags override it, in that order.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EVENT_TYPES, type EventType } from './schemas.js';

export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const SourceConfig = z.object({
  enabled: z.boolean().default(true),
  /** Most candidates the source may contribute to one request. */
  quota: z.number().int().min(1).max(10_000),
  /** After this the source is dropped from the response (fail open). */
  timeoutMs: z.number().int().min(1).max(10_000).default(50),
});

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
      sources: z
        .object({
          trending: SourceConfig.default({ enabled: true, quota: 200, timeoutMs: 50 }),
          newest: SourceConfig.default({ enabled: true, quota: 100, timeoutMs: 50 }),
        })
        .prefault({}),
      /** Blend of the first scorer: score = trending * norm(trending) + freshness * freshness. */
      weights: z.object({ trending: z.number().default(1), freshness: z.number().default(0.5) }).prefault({}),
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
