// The parameter registry: every tunable the feed pipeline reads per request, by dotted path, with
// its type and default, derived from the configuration schema so it can never drift from what the
// pipeline is built from. An arm's overrides are applied to the configuration and the result is
// validated by the same schema, so an arm is simply a different configuration of the one pipeline.
import { ConfigSchema, parseConfig, type Config, type FieldError } from '../core/index.js';
import type { Overrides } from './types.js';

/**
 * Subtrees of the configuration that the pipeline reads when it is built (pipeline/default.ts), so
 * an arm may change them. The rest is read once by the engine (stores, processors, the quality
 * pools' smoothing) and is the same for every arm.
 */
const TUNABLE = [
  'feed.sources',
  'feed.weights',
  'feed.rerank',
  'feed.freshnessHalfLifeMs',
  'feed.rankerVersion',
  'feed.recall.freshWindowMs',
  'feed.recall.freshMaxImpressions',
  'feed.recall.coEngagementSeeds',
  'feed.recall.coEngagementPopularityExponent',
  'feed.recall.vectorSeeds',
  'feed.recall.followingWindowMs',
  'learner.headWeights',
  'learner.scoreWeight',
] as const;

export type ParameterType = 'number' | 'integer' | 'boolean' | 'number[]';

export interface ParameterSpec {
  readonly path: string;
  readonly type: ParameterType;
  readonly default: number | boolean | readonly number[];
}

function typeOf(value: unknown): ParameterType | null {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return 'number[]';
  return null;
}

function getIn(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function leaves(prefix: string, value: unknown, out: ParameterSpec[]): void {
  const type = typeOf(value);
  if (type) {
    out.push({ path: prefix, type, default: value as ParameterSpec['default'] });
    return;
  }
  if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) leaves(`${prefix}.${k}`, v, out);
}

function buildRegistry(): ReadonlyMap<string, ParameterSpec> {
  const defaults = parseConfig({});
  const specs: ParameterSpec[] = [];
  for (const root of TUNABLE) leaves(root, getIn(defaults, root), specs);
  // Integers by default may take fractions where the schema allows it; the schema is the judge,
  // `type` only tells people what to expect.
  return new Map(specs.map((s) => [s.path, s]));
}

let registry: ReadonlyMap<string, ParameterSpec> | null = null;

/** Every tunable parameter, by dotted path. */
export function parameters(): ReadonlyMap<string, ParameterSpec> {
  return (registry ??= buildRegistry());
}

function setIn(root: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1]!] = value;
}

export interface OverrideResult {
  config: Config | null;
  /** Each refused override, by JSON pointer under `pointerBase` (`/arms/1/overrides/feed.weights.trending`). */
  errors: FieldError[];
}

/** A key as one JSON pointer segment (`~` and `/` escaped). */
export const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * `base` with the overrides applied and validated by the configuration schema; unknown paths and
 * values the schema refuses come back as errors, with no configuration.
 */
export function applyOverrides(base: Config, overrides: Overrides, pointerBase = ''): OverrideResult {
  const errors: FieldError[] = [];
  const known = parameters();
  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(overrides)) {
    const pointer = `${pointerBase}/${escapePointer(path)}`;
    if (!known.has(path)) {
      errors.push({
        pointer,
        rule: 'parameter',
        message: `Unknown parameter ${path} (GET /v1/admin/parameters lists them)`,
      });
      continue;
    }
    setIn(draft, path, value);
  }
  if (errors.length > 0) return { config: null, errors };
  const parsed = ConfigSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      // The override that the issue is about: the longest given path that it falls under.
      const given = Object.keys(overrides).find((p) => path === p || path.startsWith(`${p}.`)) ?? path;
      errors.push({
        pointer: `${pointerBase}/${escapePointer(given)}`,
        rule: 'type',
        message: issue.message,
      });
    }
    return { config: null, errors };
  }
  return { config: parsed.data, errors };
}
