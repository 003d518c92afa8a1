// Reads records from JSONL or CSV files for import, streaming, with the line each came from.
// CSV: a header row names the fields; dotted names nest (`context.os`); list fields (hashtags,
// topics) are separated by `|` or spaces; empty cells are left out; numbers and booleans are
// converted by the schema of the record kind.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export interface FileRecord {
  line: number;
  value?: unknown;
  /** Set when the line could not be parsed at all. */
  error?: string;
}

const LIST_FIELDS = new Set(['hashtags', 'topics']);

export function fileFormat(path: string): 'jsonl' | 'csv' {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson') || p.endsWith('.json')) return 'jsonl';
  throw new Error(`${path}: cannot tell the format; use a .jsonl, .ndjson or .csv file (optionally .gz)`);
}

async function* lines(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path);
  const input = path.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
  const rl = createInterface({ input, crlfDelay: Infinity });
  yield* rl;
}

export async function* readJsonl(path: string): AsyncGenerator<FileRecord> {
  let line = 0;
  for await (const text of lines(path)) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (e) {
      yield { line, error: `not valid JSON: ${(e as Error).message}` };
    }
  }
}

/** Splits one CSV record (RFC 4180 quoting); null while a quoted field is still open. */
export function splitCsv(text: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

export async function* readCsv(path: string, schema: TSchema): AsyncGenerator<FileRecord> {
  let header: string[] | null = null;
  let line = 0;
  let start = 0;
  let pending = '';
  for await (const text of lines(path)) {
    line += 1;
    if (pending === '') start = line;
    pending = pending ? `${pending}\n${text}` : text;
    const cells = splitCsv(pending);
    if (cells === null) continue; // a quoted field spans lines
    pending = '';
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== header.length) {
      yield {
        line: start,
        error: `expected ${header.length} columns (as the header), found ${cells.length}`,
      };
      continue;
    }
    const record: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const cell = cells[i]!;
      if (cell === '') return;
      setPath(record, name, LIST_FIELDS.has(name) ? cell.split(/[|\s]+/).filter(Boolean) : cell);
    });
    yield { line: start, value: Value.Convert(schema, record) };
  }
  if (pending) yield { line: start, error: 'unterminated quoted field' };
}
