// Builds a server over a fresh data directory for a test, and removes it afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type ConfigInput, type Item, type Event, type Clock } from '../core/index.js';
import { Engine } from '../engine/index.js';
import { buildServer, type Server } from './app.js';
import { ServerMetrics } from './metrics.js';

export interface TestServer extends Server {
  engine: Engine;
  dataDir: string;
  close(): Promise<void>;
}

export async function testServer(
  config: ConfigInput = {},
  options: { clock?: Clock } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'foryou-test-'));
  const metrics = new ServerMetrics();
  const engine = new Engine(
    parseConfig({ ...config, dataDir, server: { logLevel: 'silent', ...config.server } }),
    { startProcessors: false, clock: options.clock, observer: metrics.observer },
  );
  const server = await buildServer(engine, { metrics });
  server.setReady(true);
  return {
    ...server,
    engine,
    dataDir,
    async close() {
      await server.app.close();
      engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const BASE_TIME = Date.parse('2026-11-01T00:00:00Z');

export function makeItem(i: number, overrides: Partial<Item> = {}): Item {
  return {
    id: `v${i}`,
    creatorId: `c${i % 7}`,
    caption: `video ${i} #topic${i % 5}`,
    hashtags: [`topic${i % 5}`],
    durationMs: 15_000 + (i % 10) * 1000,
    createdAt: new Date(BASE_TIME + i * 60_000).toISOString(),
    ...overrides,
  };
}

let eventSeq = 0;
export function makeEvent(overrides: Partial<Event> & Pick<Event, 'type'>): Event {
  eventSeq += 1;
  return {
    id: `e-${process.pid}-${eventSeq}`,
    userId: 'u1',
    itemId: 'v1',
    timestamp: new Date(BASE_TIME + 86_400_000).toISOString(),
    ...(overrides.type === 'watch' ? { watchMs: 10_000 } : {}),
    ...overrides,
  } as Event;
}
