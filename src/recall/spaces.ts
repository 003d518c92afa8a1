// The vector spaces behind embedding and content recall, kept current: the content space follows
// the catalog (re-encoded when the catalog has doubled since its vocabulary was learned), and the
// collaborative space follows the model registry. A new space is built beside the serving one (a
// large index on a worker thread, src/vector/build.ts) and swapped in whole when ready, so a
// request in flight keeps the space it started with and none waits for a build.
import { ContentEncoder } from '../content/index.js';
import type { Item } from '../core/index.js';
import { IALS_DEFAULTS, type ModelArtifact, type ModelRegistry } from '../models/index.js';
import type { CatalogStore } from '../store/index.js';
import {
  buildVectorIndex,
  type IndexBuild,
  type ServingIndex,
  type VectorIndexOptions,
} from '../vector/index.js';
import { AlsSpace, alsIndexInput, type AlsFactors } from './als-space.js';
import { ContentSpace } from './content-space.js';

/** The registry name the embedding source serves. */
export const EMBEDDING_MODEL = 'ials';
const CONTENT_DIMS = 64;
const POLL_MS = 5000;
/** How often settled() looks again: an index build takes seconds (bench/ann). */
const SETTLED_POLL_MS = 10;
/**
 * Content similarity is a coarse signal: a shallower search (bench/ann: ef 64 keeps 94% of the
 * true top 100 at 100,000 x 64) halves its cost.
 */
const CONTENT_INDEX_OPTIONS = (catalogSize: number): VectorIndexOptions => ({
  expectedSize: Math.max(catalogSize, 1000),
  expansionSearch: 64,
});

export function alsFactors(artifact: ModelArtifact): AlsFactors {
  const section = artifact.sections.itemFactors;
  if (!section || !(section.data instanceof Float32Array) || section.shape.length !== 2)
    throw new Error(`model ${artifact.model} has no item factors`);
  const num = (key: string, fallback: number) => {
    const v = artifact.options[key];
    return typeof v === 'number' ? v : fallback;
  };
  return {
    itemIds: artifact.itemIds,
    factors: section.shape[1]!,
    itemFactors: section.data,
    lambda: num('lambda', IALS_DEFAULTS.lambda),
    alpha: num('alpha', IALS_DEFAULTS.alpha),
  };
}

export class VectorSpaces {
  /** Serving spaces; null until the first is ready. */
  content: ContentSpace | null = null;
  collaborative: AlsSpace | null = null;
  private contentBuild: IndexBuild | null = null;
  private modelBuild: { version: number; build: IndexBuild | null } | null = null;
  private lastPoll = -Infinity;

  /** Nothing is built until the engine's first maintenance (refitContent, pollModels). */
  constructor(
    private readonly catalog: CatalogStore,
    private readonly registry: ModelRegistry,
    private readonly onError: (what: string, error: unknown) => void = () => {},
  ) {}

  /**
   * Learns the content vocabulary from `items` (the catalog), encodes them, and builds the new
   * space's index; a build still running for an older vocabulary is dropped.
   */
  refitContent(items: readonly Item[]): void {
    this.contentBuild?.cancel();
    const space = new ContentSpace(new ContentEncoder({ dims: CONTENT_DIMS }).fit(items), this.catalog);
    this.buildContentIndex(space, () => {
      // Requests in flight hold the old space; its index ends once their searches have answered.
      this.content?.index.close();
      this.content = space;
    });
  }

  /** Loads the newest registered version of the embedding model if it is not serving or building. */
  pollModels(force = false, now = Date.now()): void {
    if (!force && now - this.lastPoll < POLL_MS) return;
    this.lastPoll = now;
    try {
      const latest = this.registry.latestVersion(EMBEDDING_MODEL);
      const serving = this.collaborative;
      if (latest === null || (latest === serving?.version && !serving.index.broken)) return;
      if (this.modelBuild && this.modelBuild.version >= latest) return;
      this.modelBuild?.build?.cancel();
      const als = alsFactors(this.registry.load(EMBEDDING_MODEL, latest).artifact);
      const { keys, vectors } = alsIndexInput(als);
      const pending: { version: number; build: IndexBuild | null } = { version: latest, build: null };
      this.modelBuild = pending;
      pending.build = this.startBuild(
        als.factors,
        keys,
        vectors,
        {},
        'embedding index',
        (index) => {
          this.collaborative?.index.close();
          this.collaborative = new AlsSpace(als, latest, index);
        },
        () => {
          if (this.modelBuild === pending) this.modelBuild = null;
        },
      );
    } catch (error) {
      this.onError('model registry', error);
    }
  }

  /**
   * One build, its outcome reported: `finished` runs first either way, then `ready` or onError.
   * An exact index is ready before this returns, so the caller's bookkeeping of the build it
   * starts must tolerate `finished` having run already (it returns null in that case).
   */
  private startBuild(
    dims: number,
    keys: Int32Array,
    vectors: Float32Array,
    options: VectorIndexOptions,
    what: string,
    ready: (index: ServingIndex) => void,
    finished: () => void,
  ): IndexBuild | null {
    let done = false;
    const build = buildVectorIndex(
      dims,
      keys,
      vectors,
      options,
      (index) => {
        done = true;
        finished();
        ready(index);
      },
      (error) => {
        done = true;
        finished();
        this.onError(what, error);
      },
    );
    return done ? null : build;
  }

  /** True while a new space is being built (the serving one, if any, answers meanwhile). */
  get building(): boolean {
    return this.contentBuild !== null || this.modelBuild !== null;
  }

  /**
   * Resolves once no space is being built. A server never waits (requests keep the serving space);
   * a simulation on a manual clock does, so that what it serves does not depend on how fast a
   * worker thread builds, and so that builds finish at all in a loop that never waits for a timer.
   */
  async settled(): Promise<void> {
    while (this.building) await new Promise((resolve) => setTimeout(resolve, SETTLED_POLL_MS));
  }

  /** Keeps the content space in step with the catalog, and the embedding space with the registry. */
  maintain(now: number): void {
    if (!this.contentBuild && this.content?.index.broken) this.rebuildContentIndex(this.content);
    if (!this.contentBuild) this.content?.sync(this.catalog);
    const broken = this.collaborative?.index.broken;
    if (broken && !this.modelBuild) {
      this.onError('embedding index', broken);
      this.pollModels(true, now);
    } else this.pollModels(false, now);
  }

  /** A new index for the serving content space, whose index's worker failed (reported). */
  private rebuildContentIndex(space: ContentSpace): void {
    this.onError('content index', space.index.broken);
    this.buildContentIndex(space, () => {});
  }

  /** Builds an index over `space`'s vectors and attaches it; `attached` runs after that. */
  private buildContentIndex(space: ContentSpace, attached: () => void): void {
    const { keys, vectors } = space.indexInput();
    this.contentBuild = this.startBuild(
      space.dims,
      keys,
      vectors,
      CONTENT_INDEX_OPTIONS(this.catalog.size),
      'content index',
      (index) => {
        space.attach(index, this.catalog);
        attached();
      },
      () => (this.contentBuild = null),
    );
  }

  /** Stops builds in progress and ends the serving indexes' worker threads. */
  close(): void {
    this.contentBuild?.cancel();
    this.modelBuild?.build?.cancel();
    this.contentBuild = null; // cancelled builds never finish: nothing is building any more
    this.modelBuild = null;
    this.content?.index.close();
    this.collaborative?.index.close();
  }
}
