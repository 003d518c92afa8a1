import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.js';
import { DB_FILE } from './db.js';
import { useTempDb } from './test-db.js';

const t = useTempDb();

describe('Checkpointer', () => {
  it('copies the write-ahead log into the database file from its own thread', async () => {
    const checkpointer = new Checkpointer(t.db, 20);
    try {
      expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const size = () => statSync(join(t.dir, DB_FILE)).size;
      const before = size();
      t.db.exec('CREATE TABLE filler (x TEXT)');
      const insert = t.db.prepare('INSERT INTO filler VALUES (?)');
      t.db.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run('x'.repeat(200));
      })();
      expect(size()).toBe(before); // the main connection no longer checkpoints
      // Wait for the whole log to land: a checkpoint grows the file page by page, so any growth
      // seen first may be one caught half way.
      const expected = before + 500_000;
      const deadline = Date.now() + 10_000;
      while (size() <= expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(size()).toBeGreaterThan(expected);
    } finally {
      checkpointer.stop();
    }
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
