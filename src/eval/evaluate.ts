// Offline top-k evaluation: fit on train, then for every user with at least one relevant test
// item, score all candidate items, drop the ones the user interacted with in train (and in
// validation, when the protocol has one), keep the top k, and average the ranking metrics.
import { binaryRows, rowOf, topK, type Recommender } from '../models/index.js';
import { rowsWhere, selectRows, type Interactions } from './interactions.js';
import {
  RankingAccumulator,
  userRankingMetrics,
  catalogCoverage,
  cooccurrenceCosine,
  featureCosine,
  intraListDiversity,
  novelty,
  type ItemSimilarity,
  type RankingMetrics,
} from './metrics/index.js';
import type { Split } from './splits/index.js';

export interface EvaluateOptions {
  k: number;
  /** A test interaction is relevant when its rating is at least this (default: every one is). */
  relevantMinRating?: number;
  /**
   * Items a user may be recommended: 'train' = items with at least one training interaction
   * (what Microsoft Recommenders' models can score), 'all' = the whole catalog.
   */
  candidates?: 'train' | 'all';
  /** Similarity for intra-list diversity; default: genre cosine when genres are known, else co-occurrence. */
  similarity?: ItemSimilarity;
  onProgress?: (done: number, total: number) => void;
}

export interface EvaluationResult extends RankingMetrics {
  model: string;
  k: number;
  /** Users evaluated (those with at least one relevant test item). */
  users: number;
  coverage: number;
  novelty: number;
  diversity: number;
  fitSeconds: number;
  evalSeconds: number;
}

function genreSimilarity(data: Interactions): ItemSimilarity | undefined {
  const genres = data.itemMeta?.genres;
  if (!genres || genres.every((g) => g.length === 0)) return undefined;
  const names = [...new Set(genres.flat())];
  const column = new Map(names.map((g, i) => [g, i]));
  return featureCosine(
    genres.map((list) => {
      const v = new Float32Array(names.length);
      for (const g of list) v[column.get(g)!] = 1;
      return v;
    }),
  );
}

export function evaluateModel(model: Recommender, split: Split, options: EvaluateOptions): EvaluationResult {
  const { train, test } = split;
  const { k } = options;
  const nItems = train.nItems;
  const fitStart = performance.now();
  model.fit(train);
  const fitSeconds = (performance.now() - fitStart) / 1000;

  const evalStart = performance.now();
  const seen = binaryRows(train, 'user');
  const seenValid = split.valid ? binaryRows(split.valid, 'user') : undefined;
  const itemUsers = binaryRows(train, 'item');
  const popularity = new Int32Array(nItems);
  for (let i = 0; i < nItems; i++) popularity[i] = itemUsers.offsets[i + 1]! - itemUsers.offsets[i]!;
  const trainUsers = new Set(train.user).size;
  let candidates: Int32Array | undefined;
  if ((options.candidates ?? 'train') === 'train') {
    candidates = Int32Array.from({ length: nItems }, (_, i) => i).filter((i) => popularity[i]! > 0);
  }
  const catalogSize = candidates ? candidates.length : nItems;

  const minRating = options.relevantMinRating;
  const relevantTest =
    minRating === undefined
      ? test
      : selectRows(
          test,
          rowsWhere(test, (r) => test.rating[r]! >= minRating),
        );
  const relevant = binaryRows(relevantTest, 'user');
  const users: number[] = [];
  for (let u = 0; u < relevant.nRows; u++) if (relevant.offsets[u + 1]! > relevant.offsets[u]!) users.push(u);

  const scores = new Float32Array(nItems);
  const skip = new Uint8Array(nItems);
  const accumulator = new RankingAccumulator();
  const lists: Int32Array[] = [];
  users.forEach((u, done) => {
    const history = u < seen.nRows ? rowOf(seen, u) : new Int32Array(0);
    const validHistory = seenValid && u < seenValid.nRows ? rowOf(seenValid, u) : new Int32Array(0);
    for (const i of history) skip[i] = 1;
    for (const i of validHistory) skip[i] = 1;
    model.scoreUser(u, scores);
    const list = topK(scores, k, skip, candidates);
    for (const i of history) skip[i] = 0;
    for (const i of validHistory) skip[i] = 0;
    accumulator.add(userRankingMetrics(list, new Set(rowOf(relevant, u)), k));
    lists.push(list);
    if (options.onProgress && (done % 50 === 0 || done === users.length - 1))
      options.onProgress(done + 1, users.length);
  });

  const similarity =
    options.similarity ??
    genreSimilarity(train) ??
    cooccurrenceCosine(Array.from({ length: nItems }, (_, i) => rowOf(itemUsers, i)));
  return {
    model: model.name,
    k,
    users: accumulator.users,
    ...accumulator.mean(),
    // coverage of the candidate catalog, not of items no model could have recommended
    coverage: catalogSize > 0 ? (catalogCoverage(lists, nItems) * nItems) / catalogSize : 0,
    novelty: novelty(lists, popularity, trainUsers),
    diversity: intraListDiversity(lists, similarity),
    fitSeconds,
    evalSeconds: (performance.now() - evalStart) / 1000,
  };
}
