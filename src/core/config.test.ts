import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config.js';

describe('configuration', () => {
  it('needs no file: every field has a default', () => {
    const c = parseConfig({});
    expect(c.server.port).toBe(8080);
    expect(c.auth.keys).toEqual([]);
    expect(c.feed.sources.trending.quota).toBeGreaterThan(0);
    expect(c.eventWeights.not_interested).toBeLessThan(0);
    expect(c.joiner).toEqual({ windowMs: 300_000, closeAfterViewMs: 3000, maxPending: 100_000 });
  });

  it('gives the learner its defaults, and refuses a learner that cannot learn', () => {
    const c = parseConfig({ learner: { headWeights: { like: 5 } } });
    expect(c.learner).toEqual({
      enabled: true,
      publishEveryMs: 5000,
      stepEveryMs: 200,
      bits: 18,
      alpha: 0.1,
      beta: 1,
      l1: 1,
      l2: 1,
      headWeights: { finish: 0, watch: 0, like: 5, share: 3, follow: 3, quickSkip: -1, watchTime: 4 },
      scoreWeight: 2,
    });
    expect(() => parseConfig({ learner: { alpha: 0 } })).toThrow(/learner\.alpha/);
    expect(() => parseConfig({ learner: { bits: 40 } })).toThrow(/learner\.bits/);
  });

  it('layers file, environment and flags, in that order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ server: { port: 1000, host: '0.0.0.0' }, feed: { defaultN: 5 } }));
    try {
      const c = loadConfig({
        file,
        env: { FORYOU_PORT: '2000', FORYOU_API_KEYS: 'k-0123456789abcdef:ingest+read,k-abcdef0123456789' },
        overrides: { 'server.port': 3000, 'joiner.closeAfterViewMs': 1000 },
      });
      expect(c.server).toMatchObject({ port: 3000, host: '0.0.0.0' });
      expect(c.feed.defaultN).toBe(5);
      expect(c.joiner.closeAfterViewMs).toBe(1000);
      expect(c.auth.keys).toEqual([
        { key: 'k-0123456789abcdef', scopes: ['ingest', 'read'] },
        { key: 'k-abcdef0123456789', scopes: ['admin'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('names every bad field, and the file', () => {
    expect(() =>
      parseConfig({ server: { port: 70_000 }, feed: { sources: { fresh: { quota: 0 } } } }),
    ).toThrow(/server\.port[\s\S]*feed\.sources\.fresh\.quota/);
    expect(() => loadConfig({ file: '/no/such/file.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { FORYOU_API_KEYS: 'short:read' } })).toThrow(/auth\.keys\.0\.key/);
  });
});
