// The vector spaces behind embedding and content recall, kept current: the content space follows
// the catalog (refitted when the catalog has doubled since its vocabulary was learned), and the
// collaborative space follows the model registry, swapped in whole when a new version appears so
// that a request in flight keeps the space it started with.
import { ContentEncoder } from '../content/index.js';
import { IALS_DEFAULTS, type ModelArtifact, type ModelRegistry } from '../models/index.js';
import type { CatalogStore } from '../store/index.js';
import { AlsSpace, type AlsFactors } from './als-space.js';
import { ContentSpace } from './content-space.js';

/** The registry name the embedding source serves. */
export const EMBEDDING_MODEL = 'ials';
const CONTENT_DIMS = 64;

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
  content: ContentSpace;
  private contentFittedOn = 0;
  collaborative: AlsSpace | null = null;
  private lastPoll = -Infinity;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly registry: ModelRegistry,
    private readonly onError: (what: string, error: unknown) => void = () => {},
  ) {
    this.content = this.fitContent();
    this.pollModels(true);
  }

  private fitContent(): ContentSpace {
    const items = [...this.catalog.all()].map((e) => e.item);
    const encoder = new ContentEncoder({ dims: CONTENT_DIMS }).fit(items);
    const space = new ContentSpace(encoder, Math.max(items.length, 1000));
    space.sync(this.catalog);
    this.contentFittedOn = items.length;
    return space;
  }

  /** Loads the newest registered version of the embedding model if it is not the one serving. */
  pollModels(force = false, now = Date.now()): void {
    if (!force && now - this.lastPoll < 5000) return;
    this.lastPoll = now;
    try {
      const latest = this.registry.latestVersion(EMBEDDING_MODEL);
      if (latest === null || latest === this.collaborative?.version) return;
      const { artifact } = this.registry.load(EMBEDDING_MODEL, latest);
      this.collaborative = new AlsSpace(alsFactors(artifact), latest);
    } catch (error) {
      this.onError('model registry', error);
    }
  }

  maintain(now: number): void {
    if (this.catalog.size >= 2 * Math.max(this.contentFittedOn, 500)) this.content = this.fitContent();
    else this.content.sync(this.catalog);
    this.pollModels(false, now);
  }
}
