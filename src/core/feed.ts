// The shapes that flow through the feed pipeline, shared by recall, ranking and serving.
import type { FeedQuery } from './components.js';
import type { EventContext, Item } from './schemas.js';

/** An item of the catalog as the serving path holds it: the document plus parsed fields. */
export interface CatalogItem {
  item: Item;
  createdAtMs: number;
  /** Position in the catalog's change sequence; newer upserts have larger values. */
  seq: number;
  /**
   * The catalog's number for the item id in this process: given when the id is first seen, kept
   * across its updates, one per id. Recall dedupes and looks items up by it, which costs no string
   * hashing and no pointer chase to the id (at 1,000 candidates, a third of the merge).
   */
  ordinal: number;
}

export interface FeedRequest {
  requestId: string;
  userId: string;
  n: number;
  /** Request time, ms since the epoch. */
  now: number;
  context?: EventContext;
  /** Say why each item is there (`FeedItem.explanation`): scorers record what they added. */
  explain?: boolean;
  /** Rank without side effects: nothing is recorded as served (the dashboard's "next feed"). */
  dryRun?: boolean;
}

/** One candidate as it moves from recall to selection. */
export interface Candidate {
  itemId: string;
  entry: CatalogItem;
  /** The source that found it first (by source order), and its rank within that source. */
  source: string;
  sourceRank: number;
  /** Every source that proposed it. */
  sources: string[];
  /** Each of those sources' own score for it, and its rank there (0 = their best), in `sources` order. */
  sourceScores: number[];
  sourceRanks: number[];
  /**
   * Named numeric features, filled by feature hydrators, then `<source>_score` and `<source>_rank`
   * for each of its sources (see `recallFeatures`); logged with the impression.
   */
  features: Record<string, number>;
  score: number;
  /**
   * What the re-rank stage did to it and why (`explore`, `pool:L1`, `fatigue`, ...), for a feed
   * item's explanation; absent when nothing was done. Kept apart from `features`, which the impression
   * log feeds to the learner: decisions made after scoring must not become model inputs.
   */
  reasons?: string[];
  /**
   * With `FeedRequest.explain`: what each scorer added to `score`, by name (`blend:trending`,
   * `model:user_topic_affinity`, `fatigue`...); absent otherwise, so scoring allocates nothing.
   */
  contributions?: Record<string, number>;
}

/** Why an item is in the feed, for a "why am I seeing this" panel. */
export interface Explanation {
  /** Every source that proposed it, the first (which names it) first; its rank in that one. */
  sources: string[];
  sourceRank: number;
  /** The largest parts of its score, signed, largest first (see `Candidate.contributions`). */
  contributions: { name: string; value: number }[];
  /** What the re-rank stage did to it (`explore`, `pool:L1`, `fatigue`, `spacing`, ...). */
  reasons: string[];
}

export interface FeedItem {
  itemId: string;
  position: number;
  source: string;
  score: number;
  item: Item;
  explanation?: Explanation;
  /** The features the candidate was scored on. */
  features: Record<string, number>;
}

export interface FeedResponse {
  requestId: string;
  userId: string;
  items: FeedItem[];
  /** The experiment arms that configured this page (absent when none did). */
  experiments?: { experiment: string; arm: string }[];
}

/**
 * Adds each source's score and rank to the candidate's features. The pipeline does this after the
 * feature hydrators, so that they all start from an empty object and write their features in one
 * order: objects then share V8's hidden classes and each hydrator's property writes stay fast.
 * Starting from the source keys, which differ from candidate to candidate, made every write a slow
 * lookup (a quarter of feature hydration at 1,000 candidates).
 *
 * The keys are gathered in an object of their own and copied in with `Object.assign`: V8 turns an
 * object with more than 12 out-of-object properties into a hash table at its next store by a
 * computed key (`features[key] = v`), and every candidate's features went that way here. In hash
 * mode each later read and write is a lookup and each `for...in` (the ranker's encoding, JSON)
 * allocates and sorts the keys afresh; `Object.assign` adds them to the fast object as it is.
 */
export function addRecallFeatures(candidate: Candidate): void {
  const { sources, sourceScores, sourceRanks, features } = candidate;
  const bySource: Record<string, number> = {};
  for (let i = 0; i < sources.length; i++) {
    const keys = sourceFeatureKeys(sources[i]!);
    bySource[keys.score] = sourceScores[i]!;
    bySource[keys.rank] = sourceRanks[i]!;
  }
  Object.assign(features, bySource);
}

const featureKeys = new Map<string, { score: string; rank: string }>();

/**
 * The features a source sets on its candidates, `<source>_score` and `<source>_rank`, built once
 * per source name: a key string made afresh for every candidate has to be looked up in V8's string
 * table each time, which dominated recall.
 */
export function sourceFeatureKeys(source: string): { score: string; rank: string } {
  let keys = featureKeys.get(source);
  if (!keys) {
    keys = { score: `${source}_score`, rank: `${source}_rank` };
    featureKeys.set(source, keys);
  }
  return keys;
}

/** The primary language subtag of a BCP 47 tag, lower-cased (`pt-BR` -> `pt`); undefined for none. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const dash = tag.indexOf('-');
  return (dash < 0 ? tag : tag.slice(0, dash)).toLowerCase();
}

/** The language of the user asking: their registered locale, else the one their device sends. */
export function queryLanguage(query: FeedQuery): string | undefined {
  return primaryLanguage(query.user?.locale ?? query.request.context?.locale);
}

/** Records, when the request asks why, that `name` added `value` to the candidate's score. */
export function contribute(query: FeedQuery, candidate: Candidate, name: string, value: number): void {
  if (!query.request.explain || value === 0) return;
  const parts = (candidate.contributions ??= {});
  parts[name] = (parts[name] ?? 0) + value;
}

/** Contributions an explanation lists: beyond these the rest are noise to a reader. */
const SHOWN_CONTRIBUTIONS = 8;

export function explanationOf(candidate: Candidate): Explanation {
  const parts = Object.entries(candidate.contributions ?? {})
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.name < b.name ? -1 : 1));
  return {
    sources: candidate.sources,
    sourceRank: candidate.sourceRank,
    contributions: parts.slice(0, SHOWN_CONTRIBUTIONS),
    reasons: candidate.reasons ?? [],
  };
}
