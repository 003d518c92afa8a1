export { loadDataset, detectFormat } from './detect.js';
export { loadDelimited, detectSeparator, type DelimitedOptions, type Separator } from './delimited.js';
export { loadKuaiRand } from './kuairand.js';
export { loadEventsJsonl, POSITIVE_EVENT_TYPES, type JsonlOptions } from './jsonl.js';
export {
  loadMovieLens,
  readMovieLensMovies,
  forEachMovieLensRating,
  movieLensFlavour,
  parseReleaseDate,
  type MovieLensMovie,
  type MovieLensRating,
} from './movielens.js';
