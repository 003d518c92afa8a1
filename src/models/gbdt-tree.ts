// One regression tree of the GBDT, grown depth-wise on a binned matrix (xgboost's `hist` with
// grow_policy=depthwise): every node of a level is split by its best split (gbdt-split.ts) or made
// a leaf, then the next level. Rows are one index array partitioned in place, so a node is a range
// of it. Of each pair of children, only the one with fewer rows gets its histogram built from its
// rows; the sibling's is the parent's minus it, computed in the parent's buffer. Children at the
// depth limit become leaves without any histogram.
import {
  binCount,
  binStart,
  buildHistogram,
  subtractHistogram,
  totalBins,
  type BinMatrix,
  type QuantileCuts,
} from './gbdt-histogram.js';
import {
  MIN_SPLIT_GAIN,
  SplitCandidate,
  findBestSplit,
  leafWeight,
  splitThreshold,
  type SplitParams,
} from './gbdt-split.js';

/** What growing a tree needs besides its rows: the data, its gradients and the settings. */
export interface TreeContext {
  readonly bins: BinMatrix;
  /**
   * The same bins column by column (feature f's at f · nRows): partitioning a node reads one
   * feature of its rows, in increasing row order, and this keeps those reads sequential.
   */
  readonly columns: BinMatrix;
  readonly nRows: number;
  readonly nFeatures: number;
  readonly cuts: QuantileCuts;
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  readonly params: SplitParams & { readonly maxDepth: number; readonly gamma: number; readonly eta: number };
}

/**
 * A grown tree, nodes numbered from 0 (the root). A leaf has feature -1 and its value (shrunk by
 * eta); an inner node sends a row left iff its value < threshold, or it is missing and defaultLeft.
 * `splitBin` is the same test on the binned matrix (local bin <= splitBin), used while training.
 */
export interface GrownTree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly splitBin: number[];
  readonly defaultLeft: boolean[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

interface Pending {
  id: number;
  begin: number;
  end: number;
  grad: number;
  hess: number;
  /** null at the depth limit: such a node becomes a leaf and needs none. */
  hist: Float64Array | null;
}

/** Histogram buffers are large (two doubles per bin); reusing them keeps the collector idle. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly length: number) {}
  take(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.length);
  }
  release(h: Float64Array | null): void {
    if (h) this.free.push(h);
  }
}

export function histogramPool(cuts: QuantileCuts): HistogramPool {
  return new HistogramPool(2 * totalBins(cuts));
}

/**
 * Grows one tree on rows[0..nRows) (reordered in place) using only `features`. `scratch` must hold
 * nRows indices.
 */
export function growTree(
  ctx: TreeContext,
  rows: Int32Array,
  nRows: number,
  features: Int32Array,
  pool: HistogramPool,
  scratch: Int32Array,
): GrownTree {
  const { grad, hess, params } = ctx;
  const tree: GrownTree = {
    feature: [],
    threshold: [],
    splitBin: [],
    defaultLeft: [],
    left: [],
    right: [],
    value: [],
  };
  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.splitBin.push(0);
    tree.defaultLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    return tree.feature.length - 1;
  };
  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < nRows; i++) {
    g0 += grad[rows[i]!]!;
    h0 += hess[rows[i]!]!;
  }
  const root: Pending = { id: addNode(), begin: 0, end: nRows, grad: g0, hess: h0, hist: null };
  if (params.maxDepth > 0) {
    root.hist = pool.take();
    buildHistogram(ctx.bins, ctx.nFeatures, rows, 0, nRows, grad, hess, root.hist);
  }
  const best = new SplitCandidate();
  let level: Pending[] = [root];
  for (let depth = 0; level.length > 0; depth++) {
    const next: Pending[] = [];
    for (const node of level) {
      if (node.hist) findBestSplit(node.hist, ctx.cuts, features, node.grad, node.hess, params, best);
      else best.reset();
      const valid =
        node.hist !== null &&
        best.feature >= 0 &&
        best.lossChange > MIN_SPLIT_GAIN &&
        0.5 * best.lossChange >= params.gamma;
      if (!valid) {
        tree.value[node.id] = params.eta * leafWeight(node.grad, node.hess, params);
        pool.release(node.hist);
        continue;
      }
      const f = best.feature;
      const mid = partition(ctx, rows, scratch, node.begin, node.end, f, best.bin, best.defaultLeft);
      const id = node.id;
      tree.feature[id] = f;
      tree.splitBin[id] = best.bin;
      tree.threshold[id] = splitThreshold(ctx.cuts, f, best.bin);
      tree.defaultLeft[id] = best.defaultLeft;
      const left: Pending = {
        id: (tree.left[id] = addNode()),
        begin: node.begin,
        end: mid,
        grad: best.leftGrad,
        hess: best.leftHess,
        hist: null,
      };
      const right: Pending = {
        id: (tree.right[id] = addNode()),
        begin: mid,
        end: node.end,
        grad: best.rightGrad,
        hess: best.rightHess,
        hist: null,
      };
      if (depth + 1 < params.maxDepth) {
        const [small, large] = mid - node.begin <= node.end - mid ? [left, right] : [right, left];
        small.hist = pool.take();
        buildHistogram(ctx.bins, ctx.nFeatures, rows, small.begin, small.end, grad, hess, small.hist);
        subtractHistogram(node.hist!, small.hist);
        large.hist = node.hist;
      } else {
        pool.release(node.hist);
      }
      next.push(left, right);
    }
    level = next;
  }
  return tree;
}

/**
 * Stable partition of rows[begin..end) by the split: rows going left first. Returns where the
 * right ones start. Stable, so each node's rows stay in increasing order and histogram building
 * walks the binned matrix forwards.
 */
function partition(
  ctx: TreeContext,
  rows: Int32Array,
  scratch: Int32Array,
  begin: number,
  end: number,
  feature: number,
  bin: number,
  defaultLeft: boolean,
): number {
  const { columns, nRows, cuts } = ctx;
  const start = binStart(cuts, feature);
  const missing = start + binCount(cuts, feature);
  const lastLeft = start + bin;
  const column = columns.subarray(feature * nRows, (feature + 1) * nRows);
  let l = begin;
  let s = 0;
  for (let i = begin; i < end; i++) {
    const r = rows[i]!;
    const b = column[r]!;
    if (b === missing ? defaultLeft : b <= lastLeft) rows[l++] = r;
    else scratch[s++] = r;
  }
  rows.set(scratch.subarray(0, s), l);
  return l;
}

/** Adds the tree's leaf value to each row's margin, routing rows on the binned matrix. */
export function addTreeToMargins(
  ctx: TreeContext,
  tree: GrownTree,
  nRows: number,
  margin: Float64Array,
): void {
  const { bins, nFeatures, cuts } = ctx;
  const n = tree.feature.length;
  // each inner node's test as global bins, worked out once rather than per row
  const lastLeft = new Int32Array(n);
  const missing = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const f = tree.feature[k]!;
    if (f < 0) continue;
    lastLeft[k] = binStart(cuts, f) + tree.splitBin[k]!;
    missing[k] = binStart(cuts, f) + binCount(cuts, f);
  }
  const feature = Int32Array.from(tree.feature);
  const left = Int32Array.from(tree.left);
  const right = Int32Array.from(tree.right);
  const defaultLeft = Uint8Array.from(tree.defaultLeft, (d) => (d ? 1 : 0));
  const value = Float64Array.from(tree.value);
  for (let r = 0; r < nRows; r++) {
    const row = r * nFeatures;
    let node = 0;
    for (let f = feature[0]!; f >= 0; f = feature[node]!) {
      const b = bins[row + f]!;
      const goLeft = b === missing[node] ? defaultLeft[node] === 1 : b <= lastLeft[node]!;
      node = goLeft ? left[node]! : right[node]!;
    }
    margin[r]! += value[node]!;
  }
}
