// Where the warehouse keeps its files, and how one lands durably. Layout under `<dataDir>/warehouse`:
//   events/day=YYYY-MM-DD/p<partition>-<first offset>-<last offset>.parquet
//   samples/day=YYYY-MM-DD/s-<first offset>-<last offset>.parquet
// A file is named by the range of log (or sample) offsets its batch covered, so writing a batch again
// after a crash produces the same name; each day directory holds only that day's rows of the batch.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export type Topic = 'events' | 'samples';

/** The warehouse directory of a data directory. */
export function warehouseDir(dataDir: string): string {
  return join(dataDir, 'warehouse');
}

/** UTC day of a time in ms since the epoch, as the partition directory spells it. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(12, '0');

/** `partition` null for samples, which are one sequence. */
export function batchFileName(partition: number | null, first: number, last: number): string {
  return `${partition === null ? 's' : `p${partition}`}-${pad(first)}-${pad(last)}.parquet`;
}

export interface BatchFile {
  path: string;
  day: string;
  partition: number | null;
  first: number;
  last: number;
}

const NAME = /^(?:p(\d+)|s)-(\d+)-(\d+)\.parquet$/;
const DAY_DIR = /^day=(\d{4}-\d{2}-\d{2})$/;

/** Every finished batch file of a topic (temporary files are not listed). */
export function listBatchFiles(dir: string, topic: Topic): BatchFile[] {
  const root = join(dir, topic);
  if (!existsSync(root)) return [];
  const out: BatchFile[] = [];
  for (const dayDir of readdirSync(root)) {
    const day = DAY_DIR.exec(dayDir)?.[1];
    if (!day) continue;
    for (const name of readdirSync(join(root, dayDir))) {
      const m = NAME.exec(name);
      if (!m) continue;
      out.push({
        path: join(root, dayDir, name),
        day,
        partition: m[1] === undefined ? null : Number(m[1]),
        first: Number(m[2]),
        last: Number(m[3]),
      });
    }
  }
  return out;
}

/**
 * Removes what an interrupted export left behind: temporary files, and batch files beyond the
 * committed position (written and renamed, but the crash came before the commit). Their rows are
 * written again by the next batch, possibly under another name if more records arrived since.
 */
export function removeUncommitted(
  dir: string,
  topic: Topic,
  committed: (partition: number | null) => number,
): number {
  let removed = 0;
  for (const f of listBatchFiles(dir, topic)) {
    if (f.first > committed(f.partition)) {
      rmSync(f.path, { force: true });
      removed += 1;
    }
  }
  const root = join(dir, topic);
  if (existsSync(root))
    for (const dayDir of readdirSync(root))
      for (const name of readdirSync(join(root, dayDir)))
        if (name.endsWith('.tmp')) rmSync(join(root, dayDir, name), { force: true });
  return removed;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a finished temporary file the final one: its data synced, renamed, the rename synced. */
export function publishFile(tmp: string, final: string, dirOfFinal: string): void {
  fsyncPath(tmp);
  renameSync(tmp, final);
  fsyncPath(dirOfFinal);
}

/** Whether the topic has any batch file, since DuckDB refuses a glob that matches nothing. */
export function hasFiles(dir: string, topic: Topic): boolean {
  return listBatchFiles(dir, topic).length > 0;
}

/** The glob DuckDB reads a topic through. */
export function topicGlob(dir: string, topic: Topic): string {
  return join(dir, topic, '*', '*.parquet');
}
