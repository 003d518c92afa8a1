// The learned ranking model at serving time. `RankerModel` holds the version being served and
// follows the registry: `maintain(now)` (the engine's maintenance, once a second, never a request)
// asks for the newest version at most every `pollEveryMs` and loads a newer one frozen (float32
// weights only; a few megabytes at most, milliseconds to read). The swap is one assignment between
// requests. `LearnedScorer` pins the model a request started with (as a query hydrator, at the
// request's start), so a request in flight during a swap is scored wholly by the old version.
import {
  contribute,
  type Candidate,
  type Config,
  type FeedQuery,
  type QueryHydrator,
  type Scorer,
} from '../core/index.js';

/** The model's inputs an explanation names per candidate, largest first. */
const EXPLAINED_INPUTS = 6;
import { MultiTaskFtrl, RANKER_MODEL, blend, rankerInput, type ModelRegistry } from '../models/index.js';

/** One loaded version of the ranking model. */
export interface LoadedRanker {
  readonly version: number;
  readonly model: MultiTaskFtrl;
}

export interface RankerModelOptions {
  /** Ask the registry for a newer version at most this often. */
  pollEveryMs?: number;
  /** A version that cannot be loaded is reported here; the serving one stays. */
  onError?: (what: string, error: unknown) => void;
  /** Serve this version only, never a newer one (an experiment arm's `feed.rankerVersion`). */
  version?: number;
}

export class RankerModel {
  private loaded: LoadedRanker | null = null;
  private lastPoll = -Infinity;
  private readonly pollEveryMs: number;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly options: RankerModelOptions = {},
  ) {
    this.pollEveryMs = options.pollEveryMs ?? 1000;
  }

  /** The version being served, or null before the learner's first publish. */
  get current(): LoadedRanker | null {
    return this.loaded;
  }

  /** Loads the newest version if it is newer than the one served; true when it swapped. */
  maintain(now: number, force = false): boolean {
    if (!force && now - this.lastPoll < this.pollEveryMs) return false;
    this.lastPoll = now;
    try {
      const pinned = this.options.version;
      if (pinned !== undefined) {
        if (this.loaded) return false;
        const { artifact } = this.registry.load(RANKER_MODEL, pinned);
        this.loaded = { version: pinned, model: MultiTaskFtrl.fromArtifact(artifact, { frozen: true }) };
        return true;
      }
      const latest = this.registry.latestVersion(RANKER_MODEL);
      if (latest === null || latest <= (this.loaded?.version ?? 0)) return false;
      const { artifact } = this.registry.load(RANKER_MODEL, latest);
      this.loaded = { version: latest, model: MultiTaskFtrl.fromArtifact(artifact, { frozen: true }) };
      return true;
    } catch (error) {
      // pruned between the listing and the load, or unreadable: keep serving, retry next poll
      this.options.onError?.('ranker model', error);
      return false;
    }
  }
}

export type LearnedScorerSettings = Pick<Config['learner'], 'headWeights' | 'scoreWeight'>;

/**
 * Adds `scoreWeight * model_score` to each candidate's score (after the blend scorer), where
 * `model_score` is the learned heads' weighted sum, also left in the candidate's features. Until a
 * model is published it changes nothing. Candidates are scored at position 0: position is a
 * training-only input that absorbs position bias (see stream/learner.ts).
 */
export class LearnedScorer implements Scorer, QueryHydrator {
  readonly name = 'learned';
  private readonly pinned = new WeakMap<FeedQuery, LoadedRanker | null>();

  constructor(
    private readonly ranker: RankerModel,
    private readonly settings: LearnedScorerSettings,
  ) {}

  /** As a query hydrator: pins the version serving at the start of the request. */
  hydrate(query: FeedQuery): void {
    this.pinned.set(query, this.ranker.current);
  }

  score(query: FeedQuery, candidates: Candidate[]): void {
    const pinned = this.pinned.get(query);
    const loaded = pinned === undefined ? this.ranker.current : pinned;
    if (!loaded) return;
    const { model } = loaded;
    const { headWeights, scoreWeight } = this.settings;
    for (const c of candidates) {
      const input = rankerInput(c.features, c.source, 0);
      const durationMs = c.entry.item.durationMs;
      const modelScore = blend(model.predict(input), headWeights, durationMs);
      c.features.model_score = modelScore;
      c.score += scoreWeight * modelScore;
      if (query.request.explain)
        for (const part of model.attribute(input, headWeights, durationMs).slice(0, EXPLAINED_INPUTS))
          contribute(query, c, `model:${part.name}`, scoreWeight * part.value);
    }
  }
}
