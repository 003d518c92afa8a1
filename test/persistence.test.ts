// Every acknowledged write survives SIGKILL: the server is killed while batches are in flight,
// restarted, and each item and event it acknowledged is there, each event exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, waitExit } from './spawn.js';

const dataDir = mkdtempSync(join(tmpdir(), 'foryou-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const T0 = Date.parse('2026-11-01T00:00:00Z');
function batch(round: number, b: number) {
  const items = Array.from({ length: 50 }, (_, i) => ({
    id: `r${round}-b${b}-v${i}`,
    creatorId: `c${i % 9}`,
    caption: 'kill test',
    hashtags: ['kill'],
    durationMs: 20_000,
    createdAt: new Date(T0).toISOString(),
  }));
  const events = Array.from({ length: 200 }, (_, i) => ({
    id: `r${round}-b${b}-e${i}`,
    type: 'watch',
    userId: `u${i % 17}`,
    itemId: items[i % 50]!.id,
    watchMs: 1000 + i,
    timestamp: new Date(T0 + i).toISOString(),
  }));
  return { items, events };
}

async function post(url: string, path: string, body: unknown): Promise<boolean> {
  try {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.status === 200;
  } catch {
    return false; // the connection died with the server: not acknowledged
  }
}

describe('durability across SIGKILL', () => {
  it('keeps every acknowledged item and event, each event once, over repeated kills', async () => {
    const ackedItems = new Set<string>();
    const ackedEvents = new Set<string>();
    const sentEvents = new Set<string>();
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      const server = await startCli(['serve', '--port', '0', '--data-dir', dataDir]);
      let stop = false;
      const writer = (async () => {
        for (let b = 0; !stop; b++) {
          const { items, events } = batch(round, b);
          if (await post(server.url, '/v1/items', { items })) for (const i of items) ackedItems.add(i.id);
          events.forEach((e) => sentEvents.add(e.id));
          if (await post(server.url, '/v1/events', { events })) for (const e of events) ackedEvents.add(e.id);
        }
      })();
      await new Promise((r) => setTimeout(r, 400 + round * 150));
      server.proc.kill('SIGKILL');
      await waitExit(server.proc);
      stop = true;
      await writer;
    }
    expect(ackedEvents.size).toBeGreaterThan(1000);

    // A last start replays the log into its processors, and all acknowledged data must be there.
    const server = await startCli(['serve', '--port', '0', '--data-dir', dataDir]);
    for (const id of [...ackedItems].filter((_, i) => i % 97 === 0)) {
      const res = await fetch(`${server.url}/v1/items/${id}`);
      expect(res.status).toBe(200);
    }
    // Clients retry what was not acknowledged; ids make the retries count once.
    const all = new Map<string, unknown>();
    for (let round = 0; round < rounds; round++) {
      for (let b = 0; ; b++) {
        const { events } = batch(round, b);
        if (!sentEvents.has(events[0]!.id)) break;
        for (const e of events) all.set(e.id, e);
      }
    }
    const retry = [...all.entries()].filter(([id]) => !ackedEvents.has(id)).map(([, e]) => e);
    for (let i = 0; i < retry.length; i += 1000) {
      expect(await post(server.url, '/v1/events', { events: retry.slice(i, i + 1000) })).toBe(true);
    }
    server.proc.kill('SIGTERM');
    await waitExit(server.proc);

    const db = new Database(join(dataDir, 'foryou.db'), { readonly: true });
    const ids = new Set((db.prepare('SELECT id FROM events').all() as { id: string }[]).map((r) => r.id));
    const total = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const items = new Set((db.prepare('SELECT id FROM items').all() as { id: string }[]).map((r) => r.id));
    db.close();
    for (const id of ackedEvents) expect(ids.has(id)).toBe(true);
    for (const id of ackedItems) expect(items.has(id)).toBe(true);
    expect(total).toBe(ids.size); // no event twice
    expect(ids.size).toBe(sentEvents.size); // after the retries: every event sent, exactly once
  }, 120_000);
});
