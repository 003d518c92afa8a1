// Helpers for this folder's tests: the shared datasets' location and throwaway fixture files.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real MovieLens 100K, beside the repository (CI provides it at ../shared/datasets). */
export const ML100K_DIR = fileURLToPath(new URL('../../../shared/datasets/ml-100k', import.meta.url));
export const KUAIRAND_SAMPLE = fileURLToPath(
  new URL('../../../shared/datasets/kuairand-sample/kuairand_sample.csv', import.meta.url),
);

/** A fresh temporary directory with the given files (string content is written as UTF-8). */
export function fixtureDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'foryou-eval-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
