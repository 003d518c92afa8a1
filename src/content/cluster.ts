// Topics without labels: hashtags clustered by what they co-occur with. Each hashtag becomes its
// row of positive pointwise mutual information with the other hashtags (PPMI discounts the tags
// that co-occur with everything merely because they are everywhere), and spherical k-means groups
// rows by cosine. Seeded k-means++ keeps the result a pure function of the data and the seed.
import { Rng } from '../core/index.js';

export interface ClusterOptions {
  clusters: number;
  seed: number;
  /** Hashtags on fewer items than this are too rare to place. */
  minCount: number;
  /** Only the most frequent hashtags are clustered, bounding the centroids at clusters x maxTags. */
  maxTags: number;
  iterations: number;
  /** Independent k-means runs; the best is kept. */
  restarts: number;
  /** Tags whose co-occurrence diverges less than this (nats) from the average are generic, not clustered. */
  minSpecificity: number;
}

export interface HashtagClusters {
  /** Cluster names: each cluster's most frequent hashtag that sits firmly in it. */
  names: string[];
  /** Hashtag -> its cluster and its cosine to the centroid: how firmly it belongs (0..1). */
  members: Map<string, { cluster: number; weight: number }>;
}

type Row = { index: Int32Array; value: Float64Array };

function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * values[i]!;
  return Math.sqrt(s);
}

function dot(row: Row, centroid: Float64Array, offset: number): number {
  let s = 0;
  for (let i = 0; i < row.index.length; i++) s += row.value[i]! * centroid[offset + row.index[i]!]!;
  return s;
}

/**
 * PPMI rows over the kept hashtags, L2-normalised, and each tag's specificity: the KL divergence
 * of its co-occurrence distribution from the overall one. A generic tag (#fyp) co-occurs with
 * everything in proportion to its frequency, so its specificity is near 0; a topical one's is
 * about the log of the number of topics.
 */
function ppmiRows(
  docs: readonly (readonly string[])[],
  tags: string[],
): { rows: Row[]; specificity: Float64Array } {
  const id = new Map(tags.map((t, i) => [t, i]));
  const pairs = tags.map(() => new Map<number, number>());
  for (const doc of docs) {
    const ids = doc.map((t) => id.get(t)).filter((i): i is number => i !== undefined);
    for (const a of ids) for (const b of ids) if (a !== b) pairs[a]!.set(b, (pairs[a]!.get(b) ?? 0) + 1);
  }
  const marginal = new Float64Array(tags.length);
  let all = 0;
  pairs.forEach((row, a) =>
    row.forEach((c) => {
      marginal[a] = marginal[a]! + c;
      all += c;
    }),
  );
  const specificity = new Float64Array(tags.length);
  const rows = pairs.map((row, a) => {
    const entries: [number, number][] = [];
    for (const [b, c] of row) {
      // Co-occurrence PMI: log P(a, b) / (P(a) P(b)) over all co-occurring pairs.
      const pmi = Math.log((c * all) / (marginal[a]! * marginal[b]!));
      specificity[a] = specificity[a]! + (c / marginal[a]!) * pmi;
      if (pmi > 0) entries.push([b, pmi]);
    }
    entries.sort((x, y) => x[0] - y[0]);
    const value = Float64Array.from(entries, (e) => e[1]);
    const length = norm(value) || 1;
    for (let i = 0; i < value.length; i++) value[i] = value[i]! / length;
    return { index: Int32Array.from(entries, (e) => e[0]), value };
  });
  return { rows, specificity };
}

/** Spherical k-means with k-means++ seeding; returns each row's cluster and cosine. */
function sphericalKMeans(
  rows: Row[],
  dims: number,
  o: ClusterOptions,
): { cluster: Int32Array; cos: Float64Array } {
  const k = Math.max(1, Math.min(o.clusters, rows.length));
  const rng = new Rng(o.seed);
  const centroids = new Float64Array(k * dims);
  const setCentroid = (c: number, r: Row): void => {
    centroids.fill(0, c * dims, (c + 1) * dims);
    for (let i = 0; i < r.index.length; i++) centroids[c * dims + r.index[i]!] = r.value[i]!;
  };
  // k-means++: each next seed is drawn with probability proportional to its distance (1 - cos).
  const best = new Float64Array(rows.length).fill(-Infinity);
  setCentroid(0, rows[rng.int(rows.length)]!);
  for (let c = 1; c < k; c++) {
    let total = 0;
    const cumulative = rows.map(
      (r, i) => (total += 1 - (best[i] = Math.max(best[i]!, dot(r, centroids, (c - 1) * dims)))),
    );
    setCentroid(c, rows[total > 0 ? rng.weighted(cumulative) : rng.int(rows.length)]!);
  }
  const cluster = new Int32Array(rows.length).fill(-1);
  const cos = new Float64Array(rows.length);
  for (let it = 0; it < o.iterations; it++) {
    let changed = 0;
    rows.forEach((r, i) => {
      let top = 0;
      let topCos = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(r, centroids, c * dims);
        if (s > topCos) [top, topCos] = [c, s];
      }
      if (cluster[i] !== top) changed++;
      cluster[i] = top;
      cos[i] = topCos;
    });
    if (changed === 0 || it === o.iterations - 1) break;
    centroids.fill(0);
    rows.forEach((r, i) => {
      for (let j = 0; j < r.index.length; j++) centroids[cluster[i]! * dims + r.index[j]!]! += r.value[j]!;
    });
    for (let c = 0; c < k; c++) {
      const slice = centroids.subarray(c * dims, (c + 1) * dims);
      const length = norm(slice);
      if (length > 0) for (let j = 0; j < dims; j++) slice[j] = slice[j]! / length;
      else {
        // An empty cluster takes the row its own centroid explains worst.
        let worst = 0;
        for (let i = 1; i < rows.length; i++) if (cos[i]! < cos[worst]!) worst = i;
        setCentroid(c, rows[worst]!);
        cos[worst] = Infinity;
      }
    }
  }
  return { cluster, cos };
}

/** Clusters the hashtags of `docs` (each the distinct hashtags of one item). */
export function clusterHashtags(docs: readonly (readonly string[])[], o: ClusterOptions): HashtagClusters {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of doc) df.set(t, (df.get(t) ?? 0) + 1);
  const tags = [...df]
    .filter(([, n]) => n >= o.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.maxTags)
    .map(([t]) => t);
  const { rows, specificity } = ppmiRows(docs, tags);
  const kept = tags
    .map((_, i) => i)
    .filter((i) => rows[i]!.index.length > 0 && specificity[i]! >= o.minSpecificity);
  if (kept.length === 0) return { names: [], members: new Map() };
  // k-means finds a local optimum: keep the best of a few seeded restarts by total cosine.
  const keptRows = kept.map((i) => rows[i]!);
  let best = sphericalKMeans(keptRows, tags.length, o);
  for (let r = 1; r < o.restarts; r++) {
    const next = sphericalKMeans(keptRows, tags.length, { ...o, seed: o.seed + r * 0x9e3779b9 });
    if (next.cos.reduce((a, b) => a + b, 0) > best.cos.reduce((a, b) => a + b, 0)) best = next;
  }
  const { cluster, cos } = best;
  // Clusters emptied in the last iteration are dropped; the rest are numbered densely.
  const renumber = new Map<number, number>();
  for (const c of cluster) if (!renumber.has(c)) renumber.set(c, renumber.size);
  const members = new Map<string, { cluster: number; weight: number }>();
  const nameScore = new Float64Array(renumber.size).fill(-1);
  const names = new Array<string>(renumber.size).fill('');
  kept.forEach((row, i) => {
    const tag = tags[row]!;
    const c = renumber.get(cluster[i]!)!;
    const weight = Math.max(0, Math.min(1, cos[i]!));
    members.set(tag, { cluster: c, weight });
    // Frequency decides the name, but a generic tag loosely attached to the cluster should not.
    const score = df.get(tag)! * weight * weight;
    if (score > nameScore[c]!) [nameScore[c], names[c]] = [score, tag];
  });
  return { names, members };
}
