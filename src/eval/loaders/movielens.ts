// MovieLens as GroupLens ships it. ml-100k: u.data (user \t item \t rating \t unixtime), u.item
// (Latin-1, `|`-separated: id|title|release date|video release date|IMDb URL|19 genre flags) and
// u.genre (name|index). ml-1m: ratings.dat (UserID::MovieID::Rating::Timestamp) and movies.dat
// (Latin-1, MovieID::Title::Genre|Genre...). Ids and ratings must be numeric.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import {
  IdIndexer,
  InteractionColumns,
  buildInteractions,
  type Interactions,
  type ItemMeta,
} from '../interactions.js';
import { forEachLine, parseIntField, parseNumberField, readText } from '../text.js';

const ML100K_GENRES = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama',
  'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
]; // prettier-ignore

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
}; // prettier-ignore

/** `01-Jan-1995` -> unix ms (UTC), or null when empty or malformed. */
export function parseReleaseDate(value: string): number | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value.trim());
  const month = m ? MONTHS[(m[2] as string).toLowerCase()] : undefined;
  if (!m || month === undefined) return null;
  return Date.UTC(Number(m[3]), month, Number(m[1]));
}

export interface MovieLensRating {
  user: string;
  item: string;
  rating: number;
  /** unix seconds */
  time: number;
}

function readRatings(
  file: string,
  separator: string,
  encoding: 'utf-8' | 'latin1',
  visit: (r: MovieLensRating) => void,
): void {
  forEachLine(readText(file, encoding), (line, lineNo) => {
    const f = line.split(separator);
    if (f.length !== 4) {
      throw new DatasetError(
        file,
        `expected 4 fields separated by ${JSON.stringify(separator)}, got ${f.length}`,
        lineNo,
      );
    }
    const user = parseIntField(file, lineNo, 'user id', f[0]);
    const item = parseIntField(file, lineNo, 'item id', f[1]);
    const rating = parseNumberField(file, lineNo, 'rating', f[2]);
    const time = parseIntField(file, lineNo, 'timestamp', f[3]);
    visit({ user: String(user), item: String(item), rating, time });
  });
}

/** Every rating of an ml-100k (u.data) or ml-1m (ratings.dat) directory, in file order. */
export function forEachMovieLensRating(
  dir: string,
  visit: (r: MovieLensRating) => void,
): 'ml-100k' | 'ml-1m' {
  const flavour = movieLensFlavour(dir);
  if (flavour === 'ml-100k') readRatings(join(dir, 'u.data'), '\t', 'utf-8', visit);
  else readRatings(join(dir, 'ratings.dat'), '::', 'latin1', visit);
  return flavour;
}

export function movieLensFlavour(dir: string): 'ml-100k' | 'ml-1m' {
  if (existsSync(join(dir, 'u.data'))) return 'ml-100k';
  if (existsSync(join(dir, 'ratings.dat'))) return 'ml-1m';
  throw new DatasetError(
    dir,
    'not a MovieLens directory: neither u.data (ml-100k) nor ratings.dat (ml-1m) found',
  );
}

export interface MovieLensMovie {
  id: string;
  title: string;
  genres: string[];
  releasedAt: number | null;
}

function readGenreNames(dir: string): string[] {
  const file = join(dir, 'u.genre');
  if (!existsSync(file)) return ML100K_GENRES;
  const names: string[] = [];
  forEachLine(readText(file, 'latin1'), (line, lineNo) => {
    const [name, index] = line.split('|');
    names[parseIntField(file, lineNo, 'genre index', index)] = name ?? '';
  });
  return names;
}

/** The movies of an ml-100k (u.item) or ml-1m (movies.dat) directory; empty when the file is absent. */
export function readMovieLensMovies(dir: string): MovieLensMovie[] {
  const movies: MovieLensMovie[] = [];
  if (movieLensFlavour(dir) === 'ml-100k') {
    const file = join(dir, 'u.item');
    if (!existsSync(file)) return movies;
    const genreNames = readGenreNames(dir);
    forEachLine(readText(file, 'latin1'), (line, lineNo) => {
      const f = line.split('|');
      if (f.length !== 5 + genreNames.length) {
        throw new DatasetError(
          file,
          `expected ${5 + genreNames.length} fields separated by "|", got ${f.length}`,
          lineNo,
        );
      }
      const id = parseIntField(file, lineNo, 'movie id', f[0]);
      const genres = genreNames.filter((_, g) => f[5 + g] === '1');
      movies.push({ id: String(id), title: f[1] ?? '', genres, releasedAt: parseReleaseDate(f[2] ?? '') });
    });
  } else {
    const file = join(dir, 'movies.dat');
    if (!existsSync(file)) return movies;
    forEachLine(readText(file, 'latin1'), (line, lineNo) => {
      const f = line.split('::');
      if (f.length !== 3)
        throw new DatasetError(file, `expected 3 fields separated by "::", got ${f.length}`, lineNo);
      const id = parseIntField(file, lineNo, 'movie id', f[0]);
      const genres = (f[2] ?? '').split('|').filter((g) => g.length > 0);
      movies.push({ id: String(id), title: f[1] ?? '', genres, releasedAt: null });
    });
  }
  return movies;
}

/** Loads an ml-100k or ml-1m directory. Items are indexed in order of first rating. */
export function loadMovieLens(dir: string): Interactions {
  const users = new IdIndexer();
  const items = new IdIndexer();
  const columns = new InteractionColumns();
  const format = forEachMovieLensRating(dir, (r) => {
    columns.push(users.indexOf(r.user), items.indexOf(r.item), r.rating, r.time * 1000);
  });
  const movies = new Map(readMovieLensMovies(dir).map((m) => [m.id, m]));
  let itemMeta: ItemMeta | undefined;
  if (movies.size > 0) {
    itemMeta = { title: [], genres: [], releasedAt: [] };
    for (const id of items.ids) {
      const movie = movies.get(id);
      itemMeta.title.push(movie?.title ?? '');
      itemMeta.genres.push(movie?.genres ?? []);
      itemMeta.releasedAt.push(movie?.releasedAt ?? null);
    }
  }
  return buildInteractions({
    format,
    source: dir,
    users,
    items,
    columns,
    hasTimestamp: true,
    ...(itemMeta ? { itemMeta } : {}),
  });
}
