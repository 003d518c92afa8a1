// MovieLens as foryou records, so a real catalog and real tastes can drive the feed engine.
// A movie becomes a short video: title -> caption, genres -> topics and hashtags (lowercase,
// letters and digits only: "Sci-Fi" -> "scifi"), a synthetic creator `studio-<0..99>` and a
// synthetic duration of 15-180 s, both from a hash of the movie id so every import agrees.
// createdAt is the release date (ml-100k), else 1 January of the year in the title, else the
// time of the movie's first rating. A rating becomes engagement at the rating's time:
//   5     -> watch (watch ratio 1.0) + like
//   4     -> watch (0.9) + like
//   3     -> watch (0.6)
//   2, 1  -> skip (watched 0.15 / 0.05 of the video)
// Users keep u.user / users.dat attributes as props; createdAt is their first rating.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Event, Item, User } from '../core/index.js';
import { forEachMovieLensRating, movieLensFlavour, readMovieLensMovies } from './loaders/index.js';
import { forEachLine, readText } from './text.js';

export interface MovieLensRecords {
  items: Item[];
  users: User[];
  events: Event[];
}

export interface MovieLensImportOptions {
  /** Prepended to every user, item and event id, to keep several datasets apart in one store. */
  idPrefix?: string;
}

/** FNV-1a: a stable hash for the synthetic attributes. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function genreTag(genre: string): string {
  return genre.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function syntheticDurationMs(movieId: string): number {
  return 15_000 + (hash(`duration:${movieId}`) % 166) * 1000;
}

const iso = (ms: number) => new Date(ms).toISOString();

function yearFromTitle(title: string): number | null {
  const m = /\((\d{4})\)\s*$/.exec(title);
  return m ? Date.UTC(Number(m[1]), 0, 1) : null;
}

type UserProps = Record<string, string | number>;

function readUserProps(dir: string): Map<string, UserProps> {
  const out = new Map<string, UserProps>();
  const ml100k = join(dir, 'u.user');
  const ml1m = join(dir, 'users.dat');
  if (existsSync(ml100k)) {
    forEachLine(readText(ml100k, 'latin1'), (line) => {
      const [id, age, gender, occupation, zip] = line.split('|');
      if (id)
        out.set(id, { age: Number(age), gender: gender ?? '', occupation: occupation ?? '', zip: zip ?? '' });
    });
  } else if (existsSync(ml1m)) {
    // ml-1m codes age as a bracket start and occupation as a number (see its README)
    forEachLine(readText(ml1m, 'latin1'), (line) => {
      const [id, gender, age, occupation, zip] = line.split('::');
      if (id)
        out.set(id, {
          gender: gender ?? '',
          ageGroup: Number(age),
          occupation: Number(occupation),
          zip: zip ?? '',
        });
    });
  }
  return out;
}

interface Engagement {
  kind: 'watch' | 'skip';
  ratio: number;
  like: boolean;
}

export function engagementForRating(rating: number): Engagement {
  const r = Math.round(rating);
  if (r >= 5) return { kind: 'watch', ratio: 1, like: true };
  if (r === 4) return { kind: 'watch', ratio: 0.9, like: true };
  if (r === 3) return { kind: 'watch', ratio: 0.6, like: false };
  return { kind: 'skip', ratio: r === 2 ? 0.15 : 0.05, like: false };
}

export function movieLensToRecords(dir: string, options: MovieLensImportOptions = {}): MovieLensRecords {
  const prefix = options.idPrefix ?? '';
  movieLensFlavour(dir);
  const ratings: { user: string; item: string; rating: number; ms: number }[] = [];
  const firstRating = new Map<string, number>();
  const firstUserRating = new Map<string, number>();
  forEachMovieLensRating(dir, (r) => {
    const ms = r.time * 1000;
    ratings.push({ user: r.user, item: r.item, rating: r.rating, ms });
    if (!(firstRating.get(r.item)! <= ms)) firstRating.set(r.item, ms);
    if (!(firstUserRating.get(r.user)! <= ms)) firstUserRating.set(r.user, ms);
  });

  const movies = readMovieLensMovies(dir);
  const known = new Set(movies.map((m) => m.id));
  for (const id of firstRating.keys())
    if (!known.has(id)) movies.push({ id, title: '', genres: [], releasedAt: null });
  const items: Item[] = movies.map((movie) => {
    const tags = [...new Set(movie.genres.map(genreTag).filter((t) => t.length > 0))];
    const created = movie.releasedAt ?? yearFromTitle(movie.title) ?? firstRating.get(movie.id) ?? 0;
    return {
      id: `${prefix}${movie.id}`,
      creatorId: `${prefix}studio-${hash(`creator:${movie.id}`) % 100}`,
      caption: movie.title,
      hashtags: tags,
      topics: tags,
      durationMs: syntheticDurationMs(movie.id),
      createdAt: iso(created),
      props: { source: 'movielens' },
    };
  });
  const itemById = new Map(items.map((item) => [item.id, item]));

  const props = readUserProps(dir);
  const users: User[] = [...firstUserRating].map(([id, first]) => {
    const p = props.get(id);
    return { id: `${prefix}${id}`, createdAt: iso(first), ...(p ? { props: p } : {}) };
  });

  ratings.sort((a, b) => a.ms - b.ms);
  const events: Event[] = [];
  for (const r of ratings) {
    const item = itemById.get(`${prefix}${r.item}`)!;
    const e = engagementForRating(r.rating);
    const base = {
      userId: `${prefix}${r.user}`,
      itemId: item.id,
      creatorId: item.creatorId,
      timestamp: iso(r.ms),
    };
    const key = `${prefix}ml-${r.user}-${r.item}`;
    events.push({
      id: `${key}-${e.kind}`,
      type: e.kind,
      ...base,
      watchMs: Math.round(e.ratio * item.durationMs),
      durationMs: item.durationMs,
      props: { rating: r.rating },
    });
    if (e.like) events.push({ id: `${key}-like`, type: 'like', ...base });
  }
  return { items, users, events };
}
