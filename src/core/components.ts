// The component interfaces of the feed pipeline, after Twitter's product-mixer: a pipeline is a
// list of typed components, so an experiment arm is a different list or different parameters.
import type { Candidate, CatalogItem, FeedRequest } from './feed.js';
import type { UserProfile } from './profile.js';
import type { User } from './schemas.js';

/** The request plus what query hydrators learned about it. */
export interface FeedQuery {
  readonly request: FeedRequest;
  user: User | null;
  /** The user's profile from the stream processors; null for a user with no engagement yet. */
  profile: UserProfile | null;
  /** Item ids this user must not be served: already seen, served recently. */
  readonly exclude: Set<string>;
}

/** Enriches the query before recall: the user, their history, their session. */
export interface QueryHydrator {
  readonly name: string;
  hydrate(query: FeedQuery): void | Promise<void>;
}

/** A raw candidate from a source; the pipeline adds provenance and dedupes. */
export interface SourcedItem {
  entry: CatalogItem;
  /** The source's own relevance figure, logged as the feature `<source>_score`. */
  score: number;
}

/** What configuration sets for each candidate source (config `feed.sources.<name>`). */
export interface SourceSettings {
  /** Most candidates it may contribute to one request. */
  readonly quota: number;
  /** After this it is dropped from the response (fail open). */
  readonly timeoutMs: number;
  /** How much recall fusion trusts its ranks (reciprocal-rank fusion weight). */
  readonly weight: number;
}

/** Proposes candidates. Runs in parallel with the others, within its time budget; fails open. */
export interface CandidateSource extends SourceSettings {
  readonly name: string;
  /** True when its work runs on another thread: the pipeline starts it first, to overlap the rest. */
  readonly offThread?: boolean;
  fetch(query: FeedQuery, limit: number): SourcedItem[] | Promise<SourcedItem[]>;
}

/** Drops candidates that must not be served. */
export interface Filter {
  readonly name: string;
  filter(query: FeedQuery, candidates: Candidate[]): Candidate[];
}

/** Adds features to candidates, for scorers and for the impression log. */
export interface FeatureHydrator {
  readonly name: string;
  hydrate(query: FeedQuery, candidates: Candidate[]): void | Promise<void>;
}

/** Sets `candidate.score`; later scorers may refine earlier ones. */
export interface Scorer {
  readonly name: string;
  score(query: FeedQuery, candidates: Candidate[]): void | Promise<void>;
}

/** Chooses and orders what is returned: diversity, spacing, exploration. */
export interface Selector {
  readonly name: string;
  select(query: FeedQuery, candidates: Candidate[], n: number): Candidate[];
}

/** Runs after the response is decided, off the critical path; its failure never fails the request. */
export interface SideEffect {
  readonly name: string;
  run(query: FeedQuery, selected: readonly Candidate[]): void | Promise<void>;
}

export interface PipelineConfig {
  queryHydrators: QueryHydrator[];
  sources: CandidateSource[];
  filters: Filter[];
  featureHydrators: FeatureHydrator[];
  scorers: Scorer[];
  selectors: Selector[];
  sideEffects: SideEffect[];
}

export type SourceOutcome = 'ok' | 'timeout' | 'error';

/** Where the pipeline reports what happened, for metrics and logs. */
export interface PipelineObserver {
  stage?(stage: string, ms: number): void;
  source?(name: string, outcome: SourceOutcome, candidates: number, ms: number): void;
  sideEffectError?(name: string, error: unknown): void;
}
