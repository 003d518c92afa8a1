// One entry point for every format: a directory is MovieLens (u.data -> ml-100k, ratings.dat ->
// ml-1m); a file is recognised by its name, then by its first line.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DatasetError } from '../errors.js';
import type { DatasetFormat, Interactions } from '../interactions.js';
import { readBytes } from '../text.js';
import { loadDelimited } from './delimited.js';
import { loadEventsJsonl } from './jsonl.js';
import { looksLikeKuaiRandHeader, loadKuaiRand } from './kuairand.js';
import { loadMovieLens } from './movielens.js';

export function detectFormat(path: string): DatasetFormat {
  if (!existsSync(path)) throw new DatasetError(path, 'file or directory not found');
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'u.data'))) return 'ml-100k';
    if (existsSync(join(path, 'ratings.dat'))) return 'ml-1m';
    throw new DatasetError(path, 'directory holds no known dataset (expected u.data or ratings.dat)');
  }
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (name === 'u.data') return 'ml-100k';
  if (name === 'ratings.dat') return 'ml-1m';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  const head = firstLine(path);
  if (head.startsWith('{')) return 'jsonl';
  if (looksLikeKuaiRandHeader(head)) return 'kuairand';
  return 'delimited';
}

function firstLine(file: string): string {
  const bytes = readBytes(file);
  const end = bytes.indexOf(0x0a);
  return bytes
    .subarray(0, end === -1 ? Math.min(bytes.length, 4096) : end)
    .toString('latin1')
    .trim();
}

/** Loads any supported dataset from a directory or file path. */
export function loadDataset(path: string, format: DatasetFormat = detectFormat(path)): Interactions {
  switch (format) {
    case 'ml-100k':
    case 'ml-1m': {
      const isDir = existsSync(path) && statSync(path).isDirectory();
      return loadMovieLens(isDir ? path : dirname(path));
    }
    case 'kuairand':
      return loadKuaiRand(path);
    case 'jsonl':
      return loadEventsJsonl(path);
    case 'delimited':
      return loadDelimited(path);
  }
}
