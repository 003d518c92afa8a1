// Gradient-boosted decision trees, histogram based, second order: xgboost's `hist` tree method
// (Chen & Guestrin 2016) for batch ranking models, on dense row-major Float32Array matrices
// (NaN = missing).
//
// Each round computes every row's gradient g and hessian h of the loss at its current margin
// (gbdt-options.ts), grows one tree on them (gbdt-tree.ts: depth-wise, best split by
// gbdt-split.ts on histograms of quantile bins, gbdt-histogram.ts), with leaf weights
// eta * -G/(H+λ), and adds the tree to the margins. Features are binned once, before the first
// round. A prediction is base_margin + the sum of the trees' leaves; for binary:logistic the
// probability is its sigmoid.
//
// The comparison with Debian's xgboost (1.7) on the same data and settings is
// gbdt-xgboost.test.ts; docs/MODELS.md has the measured figures and the parameter mapping.
import { Rng } from '../core/index.js';
import {
  ArtifactError,
  checkModel,
  createArtifact,
  section,
  type JsonObject,
  type ModelArtifact,
} from './artifact.js';
import { binColumns, binMatrix, quantileCuts } from './gbdt-histogram.js';
import {
  baseMargin,
  checkLabels,
  computeGradients,
  estimateBaseScore,
  gbdtOptions,
  isGbdtObjective,
  type GbdtOptions,
} from './gbdt-options.js';
import { addTreeToMargins, growTree, histogramPool, type GrownTree, type TreeContext } from './gbdt-tree.js';

/** The artifact's model name. */
export const GBDT_MODEL = 'gbdt';

/**
 * The trees in flat arrays: tree t is nodes treeStart[t]..treeStart[t + 1), its root first; left
 * and right are absolute node indices (-1 at a leaf, whose feature is -1 too). A row goes left iff
 * its value < threshold, or it is missing and defaultLeft is 1.
 */
export interface TreeEnsemble {
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly defaultLeft: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf values, eta included; 0 at inner nodes. */
  readonly value: Float32Array;
}

export interface GbdtFitInfo {
  /** Called after each round with its number (0-based) and the training margins. */
  onRound?: (round: number, margins: Float64Array) => void;
}

function sigmoid(m: number): number {
  return 1 / (1 + Math.exp(-m));
}

export class GbdtModel {
  constructor(
    readonly options: GbdtOptions,
    readonly nFeatures: number,
    /** The base score the model was trained from (resolved when options.baseScore is null). */
    readonly baseScore: number,
    readonly trees: TreeEnsemble,
  ) {}

  get nTrees(): number {
    return this.trees.treeStart.length - 1;
  }

  /** The margin before any tree. */
  get baseMargin(): number {
    return baseMargin(this.options.objective, this.baseScore);
  }

  /**
   * Trains on x (nRows x nFeatures, row-major, NaN = missing) and labels (0/1 for
   * binary:logistic, any finite value for reg:squarederror).
   */
  static fit(
    x: Float32Array,
    nFeatures: number,
    labels: ArrayLike<number>,
    options: Partial<GbdtOptions> = {},
    info: GbdtFitInfo = {},
  ): GbdtModel {
    const o = gbdtOptions(options);
    if (!(Number.isInteger(nFeatures) && nFeatures >= 1))
      throw new RangeError(`gbdt nFeatures ${nFeatures} is not a count >= 1`);
    const nRows = labels.length;
    if (x.length !== nRows * nFeatures)
      throw new RangeError(`gbdt: ${x.length} cells for ${nRows} labels x ${nFeatures} features`);
    checkLabels(o.objective, labels);
    const baseScore = o.baseScore ?? estimateBaseScore(o.objective, labels);
    const cuts = quantileCuts(x, nRows, nFeatures, o.maxBin);
    const grad = new Float32Array(nRows);
    const hess = new Float32Array(nRows);
    const bins = binMatrix(x, nRows, cuts);
    const ctx: TreeContext = {
      bins,
      columns: binColumns(bins, nRows, nFeatures),
      nRows,
      nFeatures,
      cuts,
      grad,
      hess,
      params: o,
    };
    const margin = new Float64Array(nRows).fill(baseMargin(o.objective, baseScore));
    const rows = new Int32Array(nRows);
    const scratch = new Int32Array(nRows);
    const pool = histogramPool(cuts);
    const rng = new Rng(o.seed);
    const grown: GrownTree[] = [];
    const featureOrder = Int32Array.from({ length: nFeatures }, (_, f) => f);
    for (let round = 0; round < o.rounds; round++) {
      computeGradients(o.objective, margin, labels, grad, hess);
      const nSampled = sampleRows(rows, nRows, o.subsample, rng);
      const features = sampleFeatures(featureOrder, o.colsampleBytree, rng);
      const tree = growTree(ctx, rows, nSampled, features, pool, scratch);
      addTreeToMargins(ctx, tree, nRows, margin);
      grown.push(tree);
      info.onRound?.(round, margin);
    }
    return new GbdtModel({ ...o, baseScore }, nFeatures, baseScore, flatten(grown));
  }

  /** Raw margins (log-odds for binary:logistic) of the rows of x. */
  predictMargin(x: Float32Array, out?: Float64Array): Float64Array {
    const nf = this.nFeatures;
    if (x.length % nf !== 0) throw new RangeError(`gbdt: ${x.length} cells are not rows of ${nf} features`);
    const nRows = x.length / nf;
    const result = out ?? new Float64Array(nRows);
    if (result.length < nRows) throw new RangeError('gbdt: output shorter than the rows');
    const { treeStart, feature, threshold, defaultLeft, left, right, value } = this.trees;
    const base = this.baseMargin;
    const nTrees = this.nTrees;
    for (let r = 0; r < nRows; r++) {
      const row = r * nf;
      let m = base;
      for (let t = 0; t < nTrees; t++) {
        let node = treeStart[t]!;
        for (;;) {
          const f = feature[node]!;
          if (f < 0) break;
          const v = x[row + f]!;
          node = (v === v ? v < threshold[node]! : defaultLeft[node] === 1) ? left[node]! : right[node]!;
        }
        m += value[node]!;
      }
      result[r] = m;
    }
    return result;
  }

  /** Probabilities for binary:logistic, predicted values for reg:squarederror. */
  predict(x: Float32Array, out?: Float64Array): Float64Array {
    const m = this.predictMargin(x, out);
    // only this call's rows: a longer `out` keeps whatever follows them
    const nRows = x.length / this.nFeatures;
    if (this.options.objective === 'binary:logistic') for (let r = 0; r < nRows; r++) m[r] = sigmoid(m[r]!);
    return m;
  }

  /** The model as an artifact (no users or items: it knows only feature columns). */
  toArtifact(training?: JsonObject, createdAt?: Date | string): ModelArtifact {
    const t = this.trees;
    const n = t.feature.length;
    return createArtifact(
      {
        model: GBDT_MODEL,
        options: { ...this.options, baseScore: this.baseScore, nFeatures: this.nFeatures },
        nUsers: 0,
        nItems: 0,
        sections: {
          treeStart: { data: t.treeStart, shape: [t.treeStart.length] },
          feature: { data: t.feature, shape: [n] },
          threshold: { data: t.threshold, shape: [n] },
          defaultLeft: { data: t.defaultLeft, shape: [n] },
          left: { data: t.left, shape: [n] },
          right: { data: t.right, shape: [n] },
          value: { data: t.value, shape: [n] },
        },
      },
      { itemIds: [], userIds: [], ...(training ? { training } : {}), ...(createdAt ? { createdAt } : {}) },
    );
  }

  /** The model in an artifact written by `toArtifact`, its trees checked to be well formed. */
  static fromArtifact(artifact: ModelArtifact): GbdtModel {
    checkModel(artifact, GBDT_MODEL);
    const o = artifact.options;
    if (!isGbdtObjective(o.objective))
      throw new ArtifactError(`gbdt objective ${JSON.stringify(o.objective)} is unknown`);
    const number = (key: string): number => {
      const v = o[key];
      if (typeof v !== 'number')
        throw new ArtifactError(`gbdt option ${key} is ${JSON.stringify(v)}, not a number`);
      return v;
    };
    let options: GbdtOptions;
    try {
      options = gbdtOptions({
        objective: o.objective,
        rounds: number('rounds'),
        eta: number('eta'),
        maxDepth: number('maxDepth'),
        lambda: number('lambda'),
        gamma: number('gamma'),
        minChildWeight: number('minChildWeight'),
        maxBin: number('maxBin'),
        subsample: number('subsample'),
        colsampleBytree: number('colsampleBytree'),
        baseScore: number('baseScore'),
        seed: number('seed'),
      });
    } catch (error) {
      if (error instanceof RangeError) throw new ArtifactError(error.message);
      throw error;
    }
    const nFeatures = number('nFeatures');
    const treeStart = section(artifact, 'treeStart', 'int32', [artifact.sections.treeStart?.shape[0] ?? 0]);
    const n = artifact.sections.feature?.shape[0] ?? 0;
    const trees: TreeEnsemble = {
      treeStart,
      feature: section(artifact, 'feature', 'int32', [n]),
      threshold: section(artifact, 'threshold', 'float32', [n]),
      defaultLeft: section(artifact, 'defaultLeft', 'int32', [n]),
      left: section(artifact, 'left', 'int32', [n]),
      right: section(artifact, 'right', 'int32', [n]),
      value: section(artifact, 'value', 'float32', [n]),
    };
    checkTrees(trees, nFeatures);
    return new GbdtModel(options, nFeatures, options.baseScore!, trees);
  }
}

/** rows[0..k) = the rows of this round's sample (all rows when subsample is 1), in order; returns k. */
function sampleRows(rows: Int32Array, nRows: number, subsample: number, rng: Rng): number {
  let k = 0;
  for (let r = 0; r < nRows; r++) if (subsample >= 1 || rng.next() < subsample) rows[k++] = r;
  return k;
}

/** max(1, floor(fraction n)) features drawn without replacement (partial Fisher-Yates), sorted. */
function sampleFeatures(all: Int32Array, fraction: number, rng: Rng): Int32Array {
  if (fraction >= 1) return all;
  const n = all.length;
  const k = Math.max(1, Math.floor(fraction * n));
  const pick = Int32Array.from(all);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = pick[i]!;
    pick[i] = pick[j]!;
    pick[j] = t;
  }
  return pick.subarray(0, k).sort();
}

function flatten(trees: readonly GrownTree[]): TreeEnsemble {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const e = {
    treeStart: new Int32Array(trees.length + 1),
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    defaultLeft: new Int32Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float32Array(total),
  };
  let at = 0;
  trees.forEach((t, i) => {
    e.treeStart[i] = at;
    for (let k = 0; k < t.feature.length; k++) {
      e.feature[at + k] = t.feature[k]!;
      e.threshold[at + k] = t.threshold[k]!;
      e.defaultLeft[at + k] = t.defaultLeft[k] ? 1 : 0;
      e.left[at + k] = t.left[k]! < 0 ? -1 : at + t.left[k]!;
      e.right[at + k] = t.right[k]! < 0 ? -1 : at + t.right[k]!;
      e.value[at + k] = t.value[k]!;
    }
    at += t.feature.length;
  });
  e.treeStart[trees.length] = at;
  return e;
}

/**
 * Throws unless every tree is a proper binary tree inside its own range whose children come after
 * their parent (so prediction always ends at a leaf) and splits on existing features.
 */
function checkTrees(t: TreeEnsemble, nFeatures: number): void {
  const n = t.feature.length;
  const fail = (why: string): never => {
    throw new ArtifactError(`gbdt trees are malformed: ${why}`);
  };
  if (!(Number.isInteger(nFeatures) && nFeatures >= 1)) fail(`nFeatures ${nFeatures}`);
  const s = t.treeStart;
  if (s.length < 1 || s[0] !== 0 || s[s.length - 1] !== n) fail('treeStart does not span the nodes');
  for (let i = 0; i + 1 < s.length; i++) {
    const begin = s[i]!;
    const end = s[i + 1]!;
    if (!(end > begin)) fail(`tree ${i} is empty`);
    for (let k = begin; k < end; k++) {
      const f = t.feature[k]!;
      if (f === -1) continue;
      if (f < 0 || f >= nFeatures) fail(`node ${k} splits on feature ${f}`);
      for (const c of [t.left[k]!, t.right[k]!]) if (!(c > k && c < end)) fail(`node ${k} has child ${c}`);
    }
  }
}
