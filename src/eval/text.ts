// Reading dataset files: whole-file reads (ml-1m is 24 MB, fine), optional gzip, strict decoding
// whose failures point at the offending line.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './errors.js';

export type TextEncoding = 'utf-8' | 'latin1';

/** Reads a file's bytes, gunzipping when the name ends in .gz or the gzip magic bytes are present. */
export function readBytes(file: string): Buffer {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new DatasetError(file, 'is not a file');
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(
      file,
      code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`,
    );
  }
  if (file.endsWith('.gz') || (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new DatasetError(file, `not a valid gzip file (${(error as Error).message})`);
    }
  }
  return bytes;
}

/**
 * Decodes the bytes. UTF-8 is decoded strictly: a byte sequence that is not UTF-8 is an error naming
 * the line, never a silent U+FFFD. `latin1` is the WHATWG label (windows-1252), which agrees with
 * ISO-8859-1 on every printable character MovieLens uses.
 */
export function decode(file: string, bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'latin1') return new TextDecoder('latin1').decode(bytes);
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return strict.decode(bytes);
  } catch {
    throw new DatasetError(file, 'invalid UTF-8 (is the file Latin-1 or binary?)', firstBadUtf8Line(bytes));
  }
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      start = i + 1;
      line++;
    }
  }
  return line;
}

export function readText(file: string, encoding: TextEncoding = 'utf-8'): string {
  return decode(file, readBytes(file), encoding);
}

/** Calls `visit` with each non-empty line (without its CR) and its 1-based number. */
export function forEachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 1;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length > 0) visit(line, lineNo);
    start = end + 1;
    lineNo++;
  }
}

const INTEGER = /^-?\d+$/;

/** Parses a field that must be an integer id, or throws naming file, line and field. */
export function parseIntField(
  file: string,
  lineNo: number,
  field: string,
  value: string | undefined,
): number {
  if (value === undefined || !INTEGER.test(value.trim())) {
    throw new DatasetError(file, `${field} must be an integer, got ${JSON.stringify(value ?? '')}`, lineNo);
  }
  return Number(value);
}

/** Parses a field that must be a finite number, or throws naming file, line and field. */
export function parseNumberField(
  file: string,
  lineNo: number,
  field: string,
  value: string | undefined,
): number {
  const trimmed = value?.trim() ?? '';
  const parsed = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(parsed)) {
    throw new DatasetError(file, `${field} must be a number, got ${JSON.stringify(value ?? '')}`, lineNo);
  }
  return parsed;
}
