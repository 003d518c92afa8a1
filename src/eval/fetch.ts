// Downloading MovieLens from GroupLens, only when a user asks. The licence forbids
// redistribution, so foryou never ships the data: it fetches the publisher's own archive.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractZip } from './zip.js';

export const MOVIELENS_DATASETS = {
  'movielens-100k': { url: 'https://files.grouplens.org/datasets/movielens/ml-100k.zip', folder: 'ml-100k' },
  'movielens-1m': { url: 'https://files.grouplens.org/datasets/movielens/ml-1m.zip', folder: 'ml-1m' },
} as const;
export type MovieLensName = keyof typeof MOVIELENS_DATASETS;

export const MOVIELENS_LICENCE = `MovieLens data sets are provided by GroupLens Research, University of Minnesota.
Terms of use (summary of the README shipped in the archive):
  - use for research purposes only; no commercial use without permission from GroupLens;
  - do not redistribute the data without separate permission;
  - acknowledge use of the data set in publications by citing:
    F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and Context.
    ACM Transactions on Interactive Intelligent Systems (TiiS) 5, 4: 19:1-19:19.
    https://doi.org/10.1145/2827872
  - the data is provided as is, with no warranty.
Read the full terms in the README inside the downloaded folder.`;

export function isMovieLensName(name: string): name is MovieLensName {
  return Object.hasOwn(MOVIELENS_DATASETS, name);
}

export interface FetchResult {
  dir: string;
  files: string[];
  bytes: number;
}

/** Downloads and unpacks one archive into `parent`; returns the dataset folder. */
export async function fetchMovieLens(
  name: MovieLensName,
  parent: string,
  download: (url: string) => Promise<Buffer> = httpGet,
): Promise<FetchResult> {
  const { url, folder } = MOVIELENS_DATASETS[name];
  const dir = join(parent, folder);
  if (existsSync(join(dir, 'u.data')) || existsSync(join(dir, 'ratings.dat')))
    return { dir, files: [], bytes: 0 };
  mkdirSync(parent, { recursive: true });
  const zip = await download(url);
  const files = extractZip(zip, parent);
  return { dir, files, bytes: zip.length };
}

async function httpGet(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
