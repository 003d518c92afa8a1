// `foryou import <kind> <file>`: loads items, users, creators or events from JSONL or CSV into the
// data directory, through the same validation as the API. Bad rows are skipped and summarised.
import { SingleBar, Presets } from 'cli-progress';
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { Creator, Event, Item, User, pointerToPath } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import { movieLensToRecords } from '../../eval/index.js';
import { fileFormat, readCsv, readJsonl, type FileRecord, type RecordKind } from '../../ingest/index.js';
import { addServerFlags, configFromFlags, type ServerFlags } from '../options.js';

const KINDS: Record<RecordKind, typeof Item | typeof User | typeof Event | typeof Creator> = {
  items: Item,
  users: User,
  creators: Creator,
  events: Event,
};

export interface ImportSummary {
  read: number;
  imported: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
}

/** Imports one file into an open engine, in batches; returns what happened to every row. */
export async function importFile(
  engine: Engine,
  kind: RecordKind,
  path: string,
  onProgress?: (bytesRead: number, rows: number) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, imported: 0, duplicates: 0, rejected: [] };
  const records: AsyncIterable<FileRecord> =
    fileFormat(path) === 'csv' ? readCsv(path, KINDS[kind]) : readJsonl(path);
  const batchSize = engine.config.ingest.maxBatch;
  let batch: unknown[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    if (kind === 'events') {
      const r = engine.ingestor.ingestEvents(batch as Event[]);
      summary.imported += r.accepted;
      summary.duplicates += r.duplicates;
    } else {
      const r =
        kind === 'items'
          ? engine.ingestor.upsertItems(batch as Item[])
          : kind === 'users'
            ? engine.ingestor.upsertUsers(batch as User[])
            : engine.ingestor.upsertCreators(batch as Creator[]);
      summary.imported += r.created + r.updated;
    }
    batch = [];
  };
  for await (const rec of records) {
    summary.read += 1;
    if (rec.error !== undefined) {
      summary.rejected.push({ line: rec.line, reason: rec.error });
      continue;
    }
    const errors = engine.ingestor.recordErrors(kind, rec.value);
    if (errors.length > 0) {
      const reason = errors.map((e) => `${pointerToPath(e.pointer) || 'record'}: ${e.message}`).join('; ');
      summary.rejected.push({ line: rec.line, reason });
      continue;
    }
    batch.push(rec.value);
    if (batch.length >= batchSize) {
      flush();
      onProgress?.(0, summary.read);
    }
  }
  flush();
  return summary;
}

/** Newlines in the file, for the progress bar's total (gzipped files: unknown, so 0). */
async function countLines(path: string): Promise<number> {
  if (path.toLowerCase().endsWith('.gz')) return 0;
  let n = 0;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk as Buffer) if (byte === 10) n++;
  }
  return n;
}

/** Writes MovieLens (ml-100k or ml-1m) as foryou records: movies as videos, ratings as engagement. */
export function importMovieLens(
  engine: Engine,
  dir: string,
): { items: number; users: number; events: number } {
  const { items, users, events } = movieLensToRecords(dir);
  const batch = engine.config.ingest.maxBatch;
  for (let i = 0; i < items.length; i += batch) engine.ingestor.upsertItems(items.slice(i, i + batch));
  for (let i = 0; i < users.length; i += batch) engine.ingestor.upsertUsers(users.slice(i, i + batch));
  let accepted = 0;
  for (let i = 0; i < events.length; i += batch) {
    accepted += engine.ingestor.ingestEvents(events.slice(i, i + batch)).accepted;
  }
  return { items: items.length, users: users.length, events: accepted };
}

export function registerImport(program: Command): void {
  addServerFlags(
    program
      .command('import')
      .description(
        'import items, users, creators or events from a JSONL or CSV file, or a MovieLens folder, into the data directory',
      )
      .argument('<kind>', 'items | users | creators | events | movielens')
      .argument(
        '<path>',
        'a .jsonl/.ndjson or .csv file, optionally gzipped; for movielens, the dataset folder',
      ),
  ).action(async (kind: string, file: string, flags: ServerFlags) => {
    if (kind === 'movielens') {
      const engine = new Engine(configFromFlags(flags), { startProcessors: false });
      try {
        const n = importMovieLens(engine, file);
        process.stdout.write(`${file}: ${n.items} videos, ${n.users} users, ${n.events} events imported\n`);
      } finally {
        engine.close();
      }
      return;
    }
    if (!(kind in KINDS))
      throw new Error(`unknown kind '${kind}': use items, users, creators, events or movielens`);
    statSync(file); // fails early, with the path, if the file is missing
    const config = configFromFlags(flags);
    const engine = new Engine(config, { startProcessors: false });
    const bar = new SingleBar(
      { format: 'importing {bar} {value}/{total} rows', hideCursor: true, stream: process.stderr },
      Presets.shades_classic,
    );
    if (process.stderr.isTTY) bar.start(await countLines(file), 0);
    try {
      const summary = await importFile(engine, kind as RecordKind, file, (_b, rows) => bar.update(rows));
      bar.stop();
      process.stdout.write(
        `${file}: ${summary.read} rows read, ${summary.imported} imported` +
          (kind === 'events' ? `, ${summary.duplicates} duplicates` : '') +
          `, ${summary.rejected.length} rejected\n`,
      );
      for (const r of summary.rejected.slice(0, 20)) process.stdout.write(`  line ${r.line}: ${r.reason}\n`);
      if (summary.rejected.length > 20)
        process.stdout.write(`  ... and ${summary.rejected.length - 20} more\n`);
      if (summary.rejected.length > 0) process.exitCode = 2;
    } finally {
      engine.close();
    }
  });
}
