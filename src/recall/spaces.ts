// The vector spaces behind embedding and content recall, kept current: the content space follows
// the catalog (re-encoded when the catalog has doubled since its vocabulary was learned), and the
// collaborative space follows the model registry. A new space is built beside the serving one (a
// large index on a worker thread, src/vector/build.ts) and swapped in whole when ready, so a
// request in flight keeps the space it started with and none waits for a build.
import { ContentEncoder } from '../content/index.js';
import { IALS_DEFAULTS, type ModelArtifact, type ModelRegistry } from '../models/index.js';
import type { CatalogStore } from '../store/index.js';
import { buildVectorIndex, type IndexBuild } from '../vector/index.js';
import { AlsSpace, alsIndexInput, type AlsFactors } from './als-space.js';
import { ContentSpace } from './content-space.js';

/** The registry name the embedding source serves. */
export const EMBEDDING_MODEL = 'ials';
const CONTENT_DIMS = 64;
const POLL_MS = 5000;

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
  private contentFittedOn = 0;
  private contentBuild: IndexBuild | null = null;
  private modelBuild: { version: number; build: IndexBuild } | null = null;
  private lastPoll = -Infinity;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly registry: ModelRegistry,
    private readonly onError: (what: string, error: unknown) => void = () => {},
  ) {
    this.refitContent();
    this.pollModels(true);
  }

  /** Learns the content vocabulary from the catalog, encodes it, and builds the space's index. */
  private refitContent(): void {
    const items = [...this.catalog.all()].map((e) => e.item);
    const space = new ContentSpace(new ContentEncoder({ dims: CONTENT_DIMS }).fit(items), this.catalog);
    this.contentFittedOn = items.length;
    const { keys, vectors } = space.indexInput();
    // An exact index is ready before buildVectorIndex returns: mark the build first, clear it in the callbacks.
    const pending = { cancel: () => {} } as IndexBuild;
    this.contentBuild = pending;
    const done = () => {
      if (this.contentBuild === pending) this.contentBuild = null;
    };
    const build = buildVectorIndex(
      space.dims,
      keys,
      vectors,
      // Content similarity is a coarse signal: a shallower search (bench/ann: ef 64 keeps 94% of
      // the true top 100 at 100,000 x 64) halves its cost.
      { expectedSize: Math.max(items.length, 1000), expansionSearch: 64 },
      (index) => {
        done();
        space.attach(index, this.catalog);
        this.content = space;
      },
      (error) => {
        done();
        this.onError('content index', error);
      },
    );
    pending.cancel = () => build.cancel();
  }

  /** Loads the newest registered version of the embedding model if it is not serving or building. */
  pollModels(force = false, now = Date.now()): void {
    if (!force && now - this.lastPoll < POLL_MS) return;
    this.lastPoll = now;
    try {
      const latest = this.registry.latestVersion(EMBEDDING_MODEL);
      if (latest === null || latest === this.collaborative?.version) return;
      if (this.modelBuild && this.modelBuild.version >= latest) return;
      this.modelBuild?.build.cancel();
      const als = alsFactors(this.registry.load(EMBEDDING_MODEL, latest).artifact);
      const { keys, vectors } = alsIndexInput(als);
      const pending = { version: latest, build: { cancel: () => {} } as IndexBuild };
      this.modelBuild = pending;
      const done = () => {
        if (this.modelBuild === pending) this.modelBuild = null;
      };
      const build = buildVectorIndex(
        als.factors,
        keys,
        vectors,
        {},
        (index) => {
          done();
          this.collaborative = new AlsSpace(als, latest, index);
        },
        (error) => {
          done();
          this.onError('embedding index', error);
        },
      );
      pending.build = build;
    } catch (error) {
      this.onError('model registry', error);
    }
  }

  /** True while a new space is being built (the serving one, if any, answers meanwhile). */
  get building(): boolean {
    return this.contentBuild !== null || this.modelBuild !== null;
  }

  maintain(now: number): void {
    if (!this.contentBuild) {
      if (this.catalog.size >= 2 * Math.max(this.contentFittedOn, 500)) this.refitContent();
      else this.content?.sync(this.catalog);
    }
    this.pollModels(false, now);
  }

  /** Stops builds in progress. */
  close(): void {
    this.contentBuild?.cancel();
    this.modelBuild?.build.cancel();
  }
}
