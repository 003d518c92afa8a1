// A plain `user item [rating [timestamp]]` file: tab, comma or `::` separated (detected from the
// first line), optionally gzipped, optionally with a header line. Ids are opaque strings here;
// ratings must be numeric; timestamps are unix seconds, unix milliseconds or ISO 8601 dates.
import { DatasetError } from '../errors.js';
import { IdIndexer, InteractionColumns, buildInteractions, type Interactions } from '../interactions.js';
import { forEachLine, parseNumberField, readText } from '../text.js';

export type Separator = '\t' | ',' | '::' | ';' | ' ';

export function detectSeparator(line: string): Separator {
  if (line.includes('::')) return '::';
  if (line.includes('\t')) return '\t';
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  return ' ';
}

function splitLine(line: string, separator: Separator): string[] {
  return separator === ' ' ? line.trim().split(/ +/) : line.split(separator).map((f) => f.trim());
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Unix seconds below 1e11 (year 5138), milliseconds above; anything else must parse as a date. */
export function parseTimestampField(file: string, lineNo: number, value: string | undefined): number {
  const v = value?.trim() ?? '';
  if (NUMERIC.test(v)) {
    const n = Number(v);
    return n < 1e11 ? n * 1000 : n;
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new DatasetError(file, `timestamp must be unix time or a date, got ${JSON.stringify(v)}`, lineNo);
  return ms;
}

export interface DelimitedOptions {
  /** Force a separator instead of detecting it. */
  separator?: Separator;
}

export function loadDelimited(file: string, options: DelimitedOptions = {}): Interactions {
  const users = new IdIndexer();
  const items = new IdIndexer();
  const columns = new InteractionColumns();
  let separator = options.separator;
  let width = 0;
  let first = true;
  forEachLine(readText(file), (line, lineNo) => {
    if (line.startsWith('#')) return;
    separator ??= detectSeparator(line);
    const f = splitLine(line, separator);
    if (first) {
      first = false;
      if (f.length < 2 || f.length > 4) {
        throw new DatasetError(
          file,
          `expected 2 to 4 fields (user item [rating [timestamp]]), got ${f.length}`,
          lineNo,
        );
      }
      width = f.length;
      // A header names its columns: its rating field (or item field, in a 2-column file) is not a number.
      const probe = f.length >= 3 ? f[2] : undefined;
      if (probe !== undefined && !NUMERIC.test(probe)) return;
      if (probe === undefined && /^(user|item|uid|iid)/i.test(f[0] ?? '')) return;
    }
    if (f.length !== width)
      throw new DatasetError(file, `expected ${width} fields like the first line, got ${f.length}`, lineNo);
    const [userId, itemId] = f as [string, string];
    if (userId === '' || itemId === '') throw new DatasetError(file, 'empty user or item id', lineNo);
    const rating = width >= 3 ? parseNumberField(file, lineNo, 'rating', f[2]) : 1;
    const time = width === 4 ? parseTimestampField(file, lineNo, f[3]) : 0;
    columns.push(users.indexOf(userId), items.indexOf(itemId), rating, time);
  });
  if (columns.length === 0) throw new DatasetError(file, 'no interactions found');
  return buildInteractions({
    format: 'delimited',
    source: file,
    users,
    items,
    columns,
    hasTimestamp: width === 4,
  });
}
