import { describe, expect, it } from 'vitest';
import type {
  CandidateSource,
  CatalogItem,
  FeedQuery,
  PipelineConfig,
  SourceOutcome,
} from '../core/index.js';
import { FeedPipeline } from './pipeline.js';

/** One ordinal per id, as a catalog gives them: sources' entries of one id merge into one candidate. */
const ordinals = new Map<string, number>();
const entry = (id: string, creatorId = `c-${id}`): CatalogItem => ({
  item: {
    id,
    creatorId,
    caption: '',
    hashtags: [],
    durationMs: 1000,
    createdAt: '2026-01-01T00:00:00Z',
    status: 'active',
  },
  createdAtMs: Date.parse('2026-01-01T00:00:00Z'),
  seq: 1,
  ordinal: ordinals.get(id) ?? ordinals.set(id, ordinals.size).size - 1,
});

const source = (
  name: string,
  ids: string[],
  behaviour: 'ok' | 'slow' | 'hang' | 'throw' = 'ok',
  quota = 100,
): CandidateSource => ({
  name,
  quota,
  timeoutMs: 20,
  weight: 1,
  fetch: async () => {
    if (behaviour === 'throw') throw new Error('boom');
    if (behaviour === 'slow') await new Promise((r) => setTimeout(r, 200));
    if (behaviour === 'hang') await new Promise(() => {}); // never settles
    return ids.map((id, i) => ({ entry: entry(id), score: 100 - i }));
  },
});

const config = (sources: CandidateSource[], extra: Partial<PipelineConfig> = {}): PipelineConfig => ({
  queryHydrators: [],
  sources,
  filters: [],
  featureHydrators: [],
  scorers: [
    {
      name: 'by-source-score',
      score: (_q, cs) => cs.forEach((c) => (c.score = c.features[`${c.source}_score`] ?? 0)),
    },
  ],
  selectors: [],
  sideEffects: [],
  ...extra,
});

const request = { requestId: 'r1', userId: 'u1', n: 10, now: Date.parse('2026-02-01T00:00:00Z') };

describe('FeedPipeline', () => {
  it('merges sources, keeping the first source of a duplicate and every source that proposed it', async () => {
    const seen: FeedQuery[] = [];
    const p = new FeedPipeline(
      config([source('a', ['x', 'y']), source('b', ['y', 'z'])], {
        sideEffects: [{ name: 'spy', run: (q) => void seen.push(q) }],
      }),
    );
    const res = await p.run(request);
    expect(res.items.map((i) => [i.itemId, i.source])).toEqual([
      ['x', 'a'],
      ['y', 'a'],
      ['z', 'b'],
    ]);
    expect(res.items.map((i) => i.position)).toEqual([0, 1, 2]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
  });

  it("gives each candidate every source's score and rank: apart during hydration, in the features after", async () => {
    const hydrated: Record<string, number>[] = [];
    const p = new FeedPipeline(
      config([source('a', ['x', 'y']), source('b', ['y', 'z'])], {
        featureHydrators: [
          {
            name: 'spy',
            hydrate: (_q, cs) => {
              for (const c of cs) {
                hydrated.push({ ...c.features });
                c.features.spied = 1;
              }
            },
          },
        ],
      }),
    );
    const res = await p.run(request);
    expect(hydrated).toEqual([{}, {}, {}]); // hydrators write into empty objects, in one order
    const y = res.items.find((i) => i.itemId === 'y')!;
    expect(y.features).toEqual({ spied: 1, a_score: 99, a_rank: 1, b_score: 100, b_rank: 0 });
    expect(res.items.find((i) => i.itemId === 'z')!.features).toEqual({ spied: 1, b_score: 99, b_rank: 1 });
  });

  it('starts the sources that work on other threads first, and still merges in source order', async () => {
    const started: string[] = [];
    const tracked = (s: CandidateSource, offThread: boolean): CandidateSource => ({
      ...s,
      offThread,
      fetch: (q, n) => {
        started.push(s.name);
        return s.fetch(q, n);
      },
    });
    const pipeline = new FeedPipeline(
      config([
        tracked(source('a', ['x']), false),
        tracked(source('b', ['x', 'y']), true),
        tracked(source('c', ['z']), false),
      ]),
    );
    const res = await pipeline.run(request);
    expect(started).toEqual(['b', 'a', 'c']);
    // x is credited to a, the first source in configuration order that proposed it.
    expect(res.items.find((i) => i.itemId === 'x')?.source).toBe('a');
  });

  it('drops a slow, hanging or failing source and still answers, reporting each outcome', async () => {
    const outcomes: [string, SourceOutcome][] = [];
    const p = new FeedPipeline(
      config(
        [source('slow', ['s']), source('ok', ['o']), source('bad', ['b'], 'throw')]
          .map((s, i) => (i === 0 ? { ...s, fetch: source('slow', ['s'], 'slow').fetch } : s))
          .concat(source('stuck', ['h'], 'hang')),
      ),
      {
        source: (name, outcome) => outcomes.push([name, outcome]),
      },
    );
    const t0 = performance.now();
    const res = await p.run(request);
    expect(performance.now() - t0).toBeLessThan(150);
    expect(res.items.map((i) => i.itemId)).toEqual(['o']);
    expect(outcomes.sort()).toEqual([
      ['bad', 'error'],
      ['ok', 'ok'],
      ['slow', 'timeout'],
      ['stuck', 'timeout'],
    ]);
  });

  it('caps each source at its quota and the response at n', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `i${i}`);
    const p = new FeedPipeline(config([source('a', ids, 'ok', 5), source('b', ids.slice(25), 'ok', 3)]));
    const res = await p.run({ ...request, n: 4 });
    expect(res.items).toHaveLength(4);
    const all = await p.run({ ...request, n: 100 });
    expect(all.items).toHaveLength(8);
  });

  it('applies filters and a failing side effect does not fail the request', async () => {
    const errors: string[] = [];
    const p = new FeedPipeline(
      config([source('a', ['keep', 'drop'])], {
        filters: [{ name: 'no-drop', filter: (_q, cs) => cs.filter((c) => c.itemId !== 'drop') }],
        sideEffects: [{ name: 'broken', run: () => Promise.reject(new Error('disk full')) }],
      }),
      { sideEffectError: (name) => errors.push(name) },
    );
    const res = await p.run(request);
    expect(res.items.map((i) => i.itemId)).toEqual(['keep']);
    await new Promise((r) => setTimeout(r, 5));
    expect(errors).toEqual(['broken']);
  });
});
