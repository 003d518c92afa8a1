import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Event } from '../../core/index.js';
import { SqliteEventLog } from '../../log/index.js';
import { openDb } from '../../store/index.js';
import { registerTrain } from './train.js';
import { registerWarehouse } from './warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'foryou-warehouse-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `foryou <args>` in this process; returns what it printed. */
async function foryou(args: string[]): Promise<string> {
  const program = new Command('foryou').exitOverride().configureOutput({ writeErr: () => {} });
  registerWarehouse(program);
  registerTrain(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'foryou', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** 5 users x 6 likes of 8 videos, the first three of each user on 2026-01-01, the rest a day later. */
function appendLikes(dataDir: string, userOffset = 0): void {
  const db = openDb(dataDir);
  try {
    const events: Event[] = [];
    for (let u = userOffset; u < userOffset + 5; u++)
      for (let i = 0; i < 6; i++)
        events.push({
          id: `${u}-${i}`,
          type: 'like',
          userId: `u${u}`,
          itemId: `v${(u + i) % 8}`,
          timestamp: new Date(Date.parse('2026-01-01T12:00:00Z') + (i < 3 ? 0 : 86_400_000)).toISOString(),
        });
    new SqliteEventLog(db).append(events, Date.now());
  } finally {
    db.close();
  }
}

describe('foryou warehouse export and train --from warehouse', () => {
  it('exports what is new, and trains from the warehouse as from the log', async () => {
    const dataDir = join(dir, 'data');
    expect(await foryou(['train', '--from', 'warehouse', '--data-dir', dataDir])).toContain(
      'no positive engagements in the warehouse',
    );
    appendLikes(dataDir);
    const first = await foryou(['warehouse', 'export', '--data-dir', dataDir]);
    expect(first).toContain('exported 30 events and 0 samples');
    expect(first).toContain('events/day=2026-01-01: 15 rows');
    expect(first).toContain('events/day=2026-01-02: 15 rows');

    const fromWarehouse = await foryou(['train', '--from', 'warehouse', '--data-dir', dataDir]);
    expect(fromWarehouse).toMatch(
      /trained ials v1 on 30 interactions \(5 users, 8 videos\) from the warehouse/,
    );
    const fromLog = await foryou(['train', '--data-dir', dataDir]);
    expect(fromLog).toMatch(/trained ials v2 on 30 interactions \(5 users, 8 videos\) from the event log/);

    appendLikes(dataDir, 5);
    const second = await foryou(['warehouse', 'export', '--data-dir', dataDir]);
    expect(second).toContain('exported 30 events and 0 samples');
    expect(await foryou(['warehouse', 'export', '--data-dir', dataDir])).toContain('exported 0 events');
    expect(await foryou(['train', '--from', 'warehouse', '--data-dir', dataDir])).toMatch(
      /trained ials v3 on 60 interactions \(10 users, 8 videos\)/,
    );
  }, 30_000);

  it('rejects an unknown source', async () => {
    await expect(foryou(['train', '--from', 'kafka', '--data-dir', join(dir, 'x')])).rejects.toThrow(
      /Allowed choices are log, warehouse/,
    );
  });
});
