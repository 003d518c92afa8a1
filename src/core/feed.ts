// The shapes that flow through the feed pipeline, shared by recall, ranking and serving.
import type { EventContext, Item } from './schemas.js';

/** An item of the catalog as the serving path holds it: the document plus parsed fields. */
export interface CatalogItem {
  item: Item;
  createdAtMs: number;
  /** Position in the catalog's change sequence; newer upserts have larger values. */
  seq: number;
}

export interface FeedRequest {
  requestId: string;
  userId: string;
  n: number;
  /** Request time, ms since the epoch. */
  now: number;
  context?: EventContext;
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
  /** Named numeric features, filled by feature hydrators and sources; logged with the impression. */
  features: Record<string, number>;
  score: number;
  /**
   * What the re-rank stage did to it and why (`explore`, `pool:L1`, `fatigue`, ...), for a feed
   * item's explanation; absent when nothing was done. Kept apart from `features`, which the impression
   * log feeds to the learner: decisions made after scoring must not become model inputs.
   */
  reasons?: string[];
}

export interface FeedItem {
  itemId: string;
  position: number;
  source: string;
  score: number;
  item: Item;
  /** The features the candidate was scored on. */
  features: Record<string, number>;
}

export interface FeedResponse {
  requestId: string;
  userId: string;
  items: FeedItem[];
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
