// Helpers for this folder's tests: the shared datasets' location and throwaway fixture files.
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A public dataset the tests read (never copied into the repository: the licences forbid it).
 * Looked for in $FORYOU_DATASETS, then `../shared/datasets` beside the repository (where CI has
 * them), then `data/datasets` (where `foryou dataset fetch` puts them). A missing one fails the
 * test that needs it, saying how to get it: tests never skip.
 */
export function datasetPath(relative: string): string {
  const roots = [process.env.FORYOU_DATASETS, join(REPO, '../shared/datasets'), join(REPO, 'data/datasets')];
  for (const root of roots) if (root && existsSync(join(root, relative))) return join(root, relative);
  throw new Error(
    `dataset ${relative} not found in ${roots.filter(Boolean).join(', ')}; ` +
      'set FORYOU_DATASETS, or run `npx foryou dataset fetch movielens-100k` after `npm run build`',
  );
}

export const ml100kDir = (): string => datasetPath('ml-100k');
export const kuairandSample = (): string => datasetPath('kuairand-sample/kuairand_sample.csv');

/**
 * A fresh temporary directory with the given files (string content is written as UTF-8), removed
 * when the test that asked for it ends.
 */
export function fixtureDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'foryou-eval-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
