// The high-quality pool for cold start: videos proven by how they are watched. Completion, like
// and share rates are smoothed towards the catalog's mean (Bayesian, with a prior worth
// `priorPlays` plays), so ten plays all finished do not beat ten thousand mostly finished. Pools
// are kept per topic and language, per topic, per language and overall; a user with known
// interests draws from their topics' pools, a new user from every topic's, for a varied start.
import {
  TopK,
  primaryLanguage,
  queryLanguage,
  type CatalogItem,
  type FeedQuery,
  type SourcedItem,
  type SourceSettings,
} from '../core/index.js';
import { ConfiguredSource } from './source.js';
import type { ItemLabeller } from '../content/index.js';
import { smoothedRate, type CatalogStore, type ItemStatsStore } from '../store/index.js';

export interface QualityOptions {
  priorPlays: number;
  likeWeight: number;
  shareWeight: number;
  poolSize: number;
}

interface Pooled {
  entry: CatalogItem;
  quality: number;
}

const ANY = '*';

export function languageOf(locale: string | undefined): string {
  return primaryLanguage(locale) ?? ANY;
}

export class QualityPools {
  private pools = new Map<string, Pooled[]>();
  private topicList: string[] = [];
  builtAt = -Infinity;
  private builtFor: readonly CatalogItem[] | null = null;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly stats: ItemStatsStore,
    /** Topics and language where the uploader gave none (src/content). */
    private readonly labeller: ItemLabeller,
    private readonly options: QualityOptions,
  ) {}

  /**
   * Recomputes every pool from the catalog and the item counters, at once. Each pool keeps its best
   * `poolSize` as they come (a bounded heap over positions in the newest-first list, so equal
   * qualities keep the newer video first), and pools are found by topic then language: sorting
   * every pool whole and building a `topic|language` key per video and pool took 450 ms at 100,000
   * videos, once a minute on the serving thread (`bench/recall/stalls.ts`).
   */
  rebuild(now: number): void {
    const steps = this.build(now);
    while (!steps.next().done);
  }

  /**
   * The same, `sliceItems` videos per turn of the event loop, for a serving thread: a whole build
   * still takes about 100 ms at 100,000 videos, and every request arriving meanwhile would wait for
   * it. The pools being replaced serve until it ends, and go on serving if it fails (`onError`;
   * the next call starts afresh). One build at a time: a call while one runs does nothing.
   */
  rebuildInSlices(now: number, onError: (error: unknown) => void, sliceItems = 5000): void {
    if (this.building) return;
    this.building = true;
    const steps = this.build(now, sliceItems);
    const step = () => {
      try {
        if (!steps.next().done) {
          setImmediate(step);
          return;
        }
      } catch (error) {
        onError(error);
      }
      this.building = false;
    };
    setImmediate(step);
  }

  private building = false;

  /** A build, pausing after every `sliceItems` videos; the pools change only at its end. */
  private *build(now: number, sliceItems = Infinity): Generator<void, void> {
    const catalog = this.catalog.newest();
    // Every published video is rated: one never played gets the catalog's mean, so the pools
    // serve a whole new catalog too, and proven videos rise above (or sink below) the unknown.
    // Counts by catalog ordinal, from the columns (a lookup by id per video cost 70 ms here).
    const cols = this.stats.columns();
    const count = (column: Float64Array, o: number) => (o < cols.length ? column[o]! : 0);
    let plays = 0;
    let watch = 0;
    let likes = 0;
    let shares = 0;
    for (const { createdAtMs, ordinal: o } of catalog) {
      if (createdAtMs > now) continue;
      plays += count(cols.plays, o);
      watch += count(cols.watchSum, o);
      likes += count(cols.likes, o);
      shares += count(cols.shares, o);
    }
    const m = this.options.priorPlays;
    const mean = (sum: number) => (plays > 0 ? sum / plays : 0);
    const [mw, ml, ms] = [mean(watch), mean(likes), mean(shares)];
    const { likeWeight, shareWeight } = this.options;
    const size = this.options.poolSize;
    const byTopic = new Map<string, Map<string, TopK>>();
    const best = (topic: string, lang: string): TopK => {
      let byLang = byTopic.get(topic);
      if (!byLang) byTopic.set(topic, (byLang = new Map()));
      let top = byLang.get(lang);
      if (!top) byLang.set(lang, (top = new TopK(size)));
      return top;
    };
    const anyTopic = best(ANY, ANY);
    for (let i = 0; i < catalog.length; i++) {
      if (i > 0 && i % sliceItems === 0) yield;
      const entry = catalog[i]!;
      if (entry.createdAtMs > now) continue;
      const o = entry.ordinal;
      const n = count(cols.plays, o);
      const quality =
        smoothedRate(count(cols.watchSum, o), n, mw, m) +
        likeWeight * smoothedRate(count(cols.likes, o), n, ml, m) +
        shareWeight * smoothedRate(count(cols.shares, o), n, ms, m);
      const labels = this.labeller.of(entry);
      const lang = languageOf(labels.language);
      anyTopic.push(quality, i);
      if (lang !== ANY) best(ANY, lang).push(quality, i);
      for (const topic of labels.topics) {
        best(topic, ANY).push(quality, i);
        if (lang !== ANY) best(topic, lang).push(quality, i);
      }
    }
    const pools = new Map<string, Pooled[]>();
    for (const [topic, byLang] of byTopic)
      for (const [lang, top] of byLang) {
        const { keys, scores } = top.sorted();
        pools.set(
          `${topic}|${lang}`,
          Array.from(keys, (k, j) => ({ entry: catalog[k]!, quality: scores[j]! })),
        );
      }
    this.pools = pools;
    this.topicList = [...byTopic.keys()].filter((topic) => topic !== ANY); // each has a pool for any language
    this.builtFor = catalog;
    this.builtAt = now;
  }

  /**
   * True when `maxAgeMs` has passed, or when the catalog has changed since the last build and
   * `changedAgeMs` has passed (at once if that build had no videos).
   */
  stale(now: number, maxAgeMs: number, changedAgeMs: number): boolean {
    const age = now - this.builtAt;
    if (age >= maxAgeMs) return true;
    if (this.catalog.newest() === this.builtFor) return false;
    // Built over an empty catalog (a first start, an import), nothing to wait for.
    return age >= changedAgeMs || this.builtFor === null || this.builtFor.length === 0;
  }

  pool(topic: string, language: string): readonly Pooled[] {
    return this.pools.get(`${topic}|${language}`) ?? [];
  }

  topics(): readonly string[] {
    return this.topicList;
  }
}

export class QualitySource extends ConfiguredSource {
  constructor(
    private readonly pools: QualityPools,
    settings: SourceSettings,
  ) {
    super('quality', settings);
  }

  fetch(query: FeedQuery, limit: number): SourcedItem[] {
    const lang = queryLanguage(query) ?? ANY;
    const liked = Object.entries(query.profile?.topics ?? {})
      .filter(([, w]) => w > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([t]) => t);
    // One stream per liked topic (else per topic: a varied start), then the language's and the
    // catalog's best; each stream reads its in-language pool first. Streams take turns.
    const topics = liked.length > 0 ? liked : this.pools.topics();
    const streams: (readonly Pooled[])[][] = topics.map((topic) =>
      lang === ANY
        ? [this.pools.pool(topic, ANY)]
        : [this.pools.pool(topic, lang), this.pools.pool(topic, ANY)],
    );
    streams.push(
      lang === ANY ? [this.pools.pool(ANY, ANY)] : [this.pools.pool(ANY, lang), this.pools.pool(ANY, ANY)],
    );
    const out: SourcedItem[] = [];
    const taken = new Set<string>();
    const cursors = streams.map(() => ({ pool: 0, at: 0 }));
    for (let progressed = true; progressed && out.length < limit;) {
      progressed = false;
      for (let i = 0; i < streams.length && out.length < limit; i++) {
        const pools = streams[i]!;
        const c = cursors[i]!;
        while (c.pool < pools.length) {
          const pool = pools[c.pool]!;
          if (c.at >= pool.length) {
            c.pool += 1;
            c.at = 0;
            continue;
          }
          const p = pool[c.at++]!;
          const id = p.entry.item.id;
          if (taken.has(id) || query.exclude.has(id)) continue;
          taken.add(id);
          out.push({ entry: p.entry, score: p.quality });
          progressed = true;
          break;
        }
      }
    }
    return out;
  }
}
