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
  });

  it('layers file, environment and flags, in that order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ server: { port: 1000, host: '0.0.0.0' }, feed: { defaultN: 5 } }));
    try {
      const c = loadConfig({
        file,
        env: { FORYOU_PORT: '2000', FORYOU_API_KEYS: 'k-0123456789abcdef:ingest+read,k-abcdef0123456789' },
        overrides: { 'server.port': 3000 },
      });
      expect(c.server).toMatchObject({ port: 3000, host: '0.0.0.0' });
      expect(c.feed.defaultN).toBe(5);
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
