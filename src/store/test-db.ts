// A throwaway data directory for store-level tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'foryou-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
