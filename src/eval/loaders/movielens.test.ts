import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { ml100kDir, fixtureDir } from '../testing.js';
import { loadDataset } from './detect.js';
import { loadMovieLens, parseReleaseDate, readMovieLensMovies } from './movielens.js';

const GENRES = ['unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary',
  'Drama', 'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
].map((g, i) => `${g}|${i}`).join('\n'); // prettier-ignore

function flags(...on: number[]): string {
  return Array.from({ length: 19 }, (_, i) => (on.includes(i) ? '1' : '0')).join('|');
}

function expectDatasetError(
  run: () => unknown,
  file: string,
  line: number | undefined,
  message: RegExp,
): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DatasetError);
  const error = caught as DatasetError;
  expect(error.file).toBe(file);
  expect(error.line).toBe(line);
  expect(error.message).toMatch(message);
  expect(error.message).toContain(file);
}

describe('MovieLens 100K (real files)', () => {
  it('finds the shared dataset', () => {
    expect(existsSync(join(ml100kDir(), 'u.data')), `missing ${ml100kDir()}`).toBe(true);
  });

  it('loads 100,000 ratings of 943 users on 1,682 items, with Latin-1 titles and genres', () => {
    const data = loadDataset(ml100kDir());
    expect(data.format).toBe('ml-100k');
    expect(data.length).toBe(100_000);
    expect(data.nUsers).toBe(943);
    expect(data.nItems).toBe(1682);
    expect(data.userIds[data.user[0]!]).toBe('196');
    expect(data.itemIds[data.item[0]!]).toBe('242');
    expect(data.rating[0]).toBe(3);
    expect(data.timestamp?.[0]).toBe(881250949 * 1000);
    const miserables = data.itemIndex.get('543')!;
    expect(data.itemMeta?.title[miserables]).toBe('Misérables, Les (1995)');
    const toyStory = data.itemIndex.get('1')!;
    expect(data.itemMeta?.genres[toyStory]).toEqual(['Animation', "Children's", 'Comedy']);
    expect(data.itemMeta?.releasedAt[toyStory]).toBe(Date.UTC(1995, 0, 1));
  });
});

describe('MovieLens fixtures', () => {
  const item = (id: number, title: string, genres: number[]) =>
    `${id}|${title}|01-Jan-1995||http://x/${id}|${flags(...genres)}`;

  it('decodes u.item as Latin-1', () => {
    const dir = fixtureDir({
      'u.data': '1\t10\t5\t100\n2\t10\t3\t200\n',
      'u.item': Buffer.from(`${item(10, 'Café (1995)', [5, 8])}\n`, 'latin1'),
      'u.genre': GENRES,
    });
    const movies = readMovieLensMovies(dir);
    expect(movies).toEqual([
      { id: '10', title: 'Café (1995)', genres: ['Comedy', 'Drama'], releasedAt: Date.UTC(1995, 0, 1) },
    ]);
    expect(loadMovieLens(dir).itemMeta?.title).toEqual(['Café (1995)']);
  });

  it('names the file and line of a row with the wrong column count', () => {
    const dir = fixtureDir({ 'u.data': '1\t10\t5\t100\n2\t10\t3\n' });
    expectDatasetError(() => loadDataset(dir), join(dir, 'u.data'), 2, /expected 4 fields/);
  });

  it('names the file and line of a non-numeric id', () => {
    const dir = fixtureDir({ 'u.data': '1\t10\t5\t100\n2\t10\t3\t100\nabc\t10\t3\t100\n' });
    expectDatasetError(
      () => loadDataset(dir),
      join(dir, 'u.data'),
      3,
      /user id must be an integer, got "abc"/,
    );
  });

  it('names the line of a u.item row with a missing genre flag', () => {
    const dir = fixtureDir({
      'u.data': '1\t10\t5\t100\n',
      'u.item': `${item(10, 'A', [1])}\n10|B|01-Jan-1995||http://x|0|0\n`,
      'u.genre': GENRES,
    });
    expectDatasetError(() => loadDataset(dir), join(dir, 'u.item'), 2, /expected 24 fields/);
  });

  it('loads ml-1m ratings.dat and movies.dat with | genres', () => {
    const dir = fixtureDir({
      'ratings.dat': '1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n',
      'movies.dat': Buffer.from(
        '1193::One Flew Over (1975)::Drama\n661::Pêche (1996)::Animation|Musical\n',
        'latin1',
      ),
    });
    const data = loadDataset(dir);
    expect(data.format).toBe('ml-1m');
    expect([data.nUsers, data.nItems, data.length]).toEqual([2, 2, 3]);
    expect(data.itemMeta?.title).toEqual(['One Flew Over (1975)', 'Pêche (1996)']);
    expect(data.itemMeta?.genres[1]).toEqual(['Animation', 'Musical']);
  });

  it('names the line of a non-numeric rating in ratings.dat', () => {
    const dir = fixtureDir({ 'ratings.dat': '1::1193::5::978300760\n1::661::five::978302109\n' });
    expectDatasetError(() => loadDataset(dir), join(dir, 'ratings.dat'), 2, /rating must be a number/);
  });

  it('reports a missing directory and a directory without MovieLens files', () => {
    const dir = fixtureDir({ 'other.txt': 'x' });
    expectDatasetError(() => loadDataset(join(dir, 'nope')), join(dir, 'nope'), undefined, /not found/);
    expectDatasetError(() => loadDataset(dir), dir, undefined, /no known dataset/);
  });

  it('parses release dates and rejects malformed ones', () => {
    expect(parseReleaseDate('05-Oct-1996')).toBe(Date.UTC(1996, 9, 5));
    expect(parseReleaseDate('')).toBeNull();
    expect(parseReleaseDate('1996')).toBeNull();
  });
});
