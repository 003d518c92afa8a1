// What the durability test knows about the database: which tables hold data the log and the API
// wrote (kept when recomputing) and which hold processors' state (wiped and rebuilt from the log).
import { expect } from 'vitest';

export const SOURCE_TABLES = [
  'creators',
  'events',
  // Experiment definitions and their first exposures: written by the API and the feed, not derived from the log.
  'experiments',
  'exposures',
  'items',
  'log_meta',
  'served',
  'sample_offsets',
  'users',
] as const;

export const PROCESSOR_STATE_TABLES = [
  'co_sessions',
  'co_visits',
  'consumer_offsets',
  'item_buckets',
  'item_stats',
  'joiner_counters',
  'joiner_pending',
  'profiles',
  'samples',
] as const;

function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (value instanceof Set) return [...value].map(plain).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/**
 * Deep equality in which numbers may differ by a relative 1e-9: sums over different batch
 * boundaries round differently, and nothing else may differ.
 */
export function expectClose(actual: unknown, expected: unknown, where: string): void {
  const walk = (a: unknown, e: unknown, path: string): void => {
    if (typeof e === 'number' && typeof a === 'number') {
      const scale = Math.max(1, Math.abs(e));
      if (Math.abs(a - e) > 1e-9 * scale) expect.fail(`${where}${path}: ${a} != ${e}`);
      return;
    }
    if (e && typeof e === 'object' && a && typeof a === 'object') {
      const ka = Object.keys(a).sort();
      const ke = Object.keys(e).sort();
      if (ka.join('\u0000') !== ke.join('\u0000')) expect.fail(`${where}${path}: keys ${ka} != ${ke}`);
      for (const k of ke)
        walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    if (a !== e) expect.fail(`${where}${path}: ${String(a)} != ${String(e)}`);
  };
  walk(plain(actual), plain(expected), '');
}
