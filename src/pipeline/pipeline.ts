// Runs a feed request through the configured components, stage by stage.
import type {
  Candidate,
  CandidateSource,
  FeedQuery,
  FeedRequest,
  FeedResponse,
  PipelineConfig,
  PipelineObserver,
  SourcedItem,
} from '../core/index.js';
import { addRecallFeatures, explanationOf } from '../core/index.js';

const TIMED_OUT = Symbol('timeout');

export class FeedPipeline {
  constructor(
    readonly config: PipelineConfig,
    private readonly observer: PipelineObserver = {},
  ) {}

  async run(request: FeedRequest): Promise<FeedResponse> {
    const query: FeedQuery = { request, user: null, profile: null, exclude: new Set() };
    const timed = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const out = await work();
      this.observer.stage?.(stage, performance.now() - t0);
      return out;
    };

    await timed('query_hydration', async () => {
      for (const h of this.config.queryHydrators) await h.hydrate(query);
    });
    let candidates = await timed('recall', () => this.recall(query));
    candidates = await timed('filter', () => {
      let list = candidates;
      for (const f of this.config.filters) list = f.filter(query, list);
      return list;
    });
    await timed('feature_hydration', async () => {
      for (const h of this.config.featureHydrators) await h.hydrate(query, candidates);
      for (const c of candidates) addRecallFeatures(c);
    });
    await timed('scoring', async () => {
      for (const s of this.config.scorers) await s.score(query, candidates);
    });
    const selected = await timed('selection', () => {
      let list = [...candidates].sort((a, b) => b.score - a.score);
      for (const s of this.config.selectors) list = s.select(query, list, request.n);
      return list.slice(0, request.n);
    });

    for (const effect of request.dryRun ? [] : this.config.sideEffects) {
      // Off the critical path: the response does not wait, and a failure is only reported.
      Promise.resolve()
        .then(() => effect.run(query, selected))
        .catch((error: unknown) => this.observer.sideEffectError?.(effect.name, error));
    }

    return {
      requestId: request.requestId,
      userId: request.userId,
      items: selected.map((c, position) => ({
        itemId: c.itemId,
        position,
        source: c.source,
        score: c.score,
        item: c.entry.item,
        features: c.features,
        ...(request.explain ? { explanation: explanationOf(c) } : {}),
      })),
    };
  }

  /**
   * All sources in parallel, each within its budget; candidates merged in source order. Sources
   * whose work runs on other threads are started first, so that it overlaps the others'.
   */
  private async recall(query: FeedQuery): Promise<Candidate[]> {
    const sources = this.config.sources;
    const fetches: Promise<SourcedItem[]>[] = new Array(sources.length);
    for (const first of [true, false])
      sources.forEach((s, i) => {
        if (Boolean(s.offThread) === first) fetches[i] = this.fetchWithin(s, query);
      });
    const results = await Promise.all(fetches);
    const byOrdinal = new Map<number, Candidate>();
    results.forEach((items, i) => {
      const source = this.config.sources[i]!;
      for (let rank = 0; rank < items.length; rank++) {
        const sourced = items[rank]!;
        const existing = byOrdinal.get(sourced.entry.ordinal);
        if (existing) {
          existing.sources.push(source.name);
          existing.sourceScores.push(sourced.score);
          existing.sourceRanks.push(rank);
          continue;
        }
        byOrdinal.set(sourced.entry.ordinal, {
          itemId: sourced.entry.item.id,
          entry: sourced.entry,
          source: source.name,
          sourceRank: rank,
          sources: [source.name],
          sourceScores: [sourced.score],
          sourceRanks: [rank],
          features: {},
          score: 0,
        });
      }
    });
    return [...byOrdinal.values()];
  }

  private async fetchWithin(source: CandidateSource, query: FeedQuery): Promise<SourcedItem[]> {
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        Promise.resolve().then(() => source.fetch(query, source.quota)),
        new Promise<typeof TIMED_OUT>((resolve) => {
          timer = setTimeout(() => resolve(TIMED_OUT), source.timeoutMs);
        }),
      ]);
      if (result === TIMED_OUT) {
        this.observer.source?.(source.name, 'timeout', 0, performance.now() - t0);
        return [];
      }
      const items = result.slice(0, source.quota);
      this.observer.source?.(source.name, 'ok', items.length, performance.now() - t0);
      return items;
    } catch {
      this.observer.source?.(source.name, 'error', 0, performance.now() - t0);
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}
