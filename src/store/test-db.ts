// A throwaway database for each store-level test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDb, type Db } from './db.js';

/** Registers hooks that give each test a fresh data directory and database; read them inside tests. */
export function useTempDb(): { readonly dir: string; readonly db: Db } {
  const state = { dir: '', db: null as unknown as Db };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), 'foryou-store-'));
    state.db = openDb(state.dir);
  });
  afterEach(() => {
    state.db.close();
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
