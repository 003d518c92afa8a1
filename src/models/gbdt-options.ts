// Settings and objectives of the gradient-boosted trees (gbdt.ts). The names follow xgboost's
// parameters one to one (camelCase here), so a configuration can be carried over; the mapping and
// the one difference (gamma) are in docs/MODELS.md.

export const GBDT_OBJECTIVES = ['binary:logistic', 'reg:squarederror'] as const;
export type GbdtObjective = (typeof GBDT_OBJECTIVES)[number];

export interface GbdtOptions {
  /** `binary:logistic` (log loss, labels 0/1) or `reg:squarederror`. */
  objective: GbdtObjective;
  /** Boosting rounds, one tree each (xgboost `num_round`). */
  rounds: number;
  /** Shrinkage applied to every leaf (xgboost `eta`). */
  eta: number;
  /** Depth-wise growth stops at this depth (xgboost `max_depth`; the root is depth 0). */
  maxDepth: number;
  /** L2 regularisation of leaf weights (xgboost `lambda`). */
  lambda: number;
  /**
   * Minimum gain of a split (xgboost `gamma`, alias `min_split_loss`), against the halved gain
   * 0.5 (GL²/(HL+λ) + GR²/(HR+λ) − G²/(H+λ)). xgboost compares its gamma with the unhalved sum,
   * so its `gamma = g` is our `gamma = g / 2`.
   */
  gamma: number;
  /** Minimum hessian sum in each child (xgboost `min_child_weight`). */
  minChildWeight: number;
  /** At most this many bins per feature, non-missing values (xgboost `max_bin`). */
  maxBin: number;
  /** Fraction of rows each tree sees, drawn per tree without replacement (xgboost `subsample`). */
  subsample: number;
  /** Fraction of features each tree may split on (xgboost `colsample_bytree`). */
  colsampleBytree: number;
  /**
   * The prediction before any tree, as a probability for `binary:logistic` and a value for
   * `reg:squarederror` (xgboost `base_score`). null: the training labels' mean, as xgboost 2.x
   * estimates it; xgboost 1.x (Debian's) uses 0.5 unless told.
   */
  baseScore: number | null;
  /** Seeds row and feature sampling (xgboost `seed`; the generators differ, so the draws do too). */
  seed: number;
}

export const GBDT_DEFAULTS: Readonly<GbdtOptions> = {
  objective: 'binary:logistic',
  rounds: 100,
  eta: 0.3,
  maxDepth: 6,
  lambda: 1,
  gamma: 0,
  minChildWeight: 1,
  maxBin: 256,
  subsample: 1,
  colsampleBytree: 1,
  baseScore: null,
  seed: 0,
};

export function isGbdtObjective(value: unknown): value is GbdtObjective {
  return (GBDT_OBJECTIVES as readonly unknown[]).includes(value);
}

/** The options with defaults filled in; throws a RangeError naming the first invalid one. */
export function gbdtOptions(o: Partial<GbdtOptions> = {}): GbdtOptions {
  const r: GbdtOptions = { ...GBDT_DEFAULTS, ...o };
  if (!isGbdtObjective(r.objective))
    throw new RangeError(`gbdt objective ${JSON.stringify(r.objective)} is unknown`);
  const whole = (key: 'rounds' | 'maxDepth' | 'maxBin', min: number, max: number) => {
    if (!(Number.isInteger(r[key]) && r[key] >= min && r[key] <= max))
      throw new RangeError(`gbdt ${key} must be an integer in ${min}..${max}, got ${r[key]}`);
  };
  whole('rounds', 0, 1_000_000);
  // 2^depth leaves: past 30 the node indices would not fit an int32
  whole('maxDepth', 1, 30);
  whole('maxBin', 2, 65_535);
  if (!(r.eta > 0)) throw new RangeError(`gbdt eta must be positive, got ${r.eta}`);
  for (const key of ['lambda', 'gamma', 'minChildWeight'] as const)
    if (!(r[key] >= 0)) throw new RangeError(`gbdt ${key} must be at least 0, got ${r[key]}`);
  for (const key of ['subsample', 'colsampleBytree'] as const)
    if (!(r[key] > 0 && r[key] <= 1)) throw new RangeError(`gbdt ${key} must be in (0, 1], got ${r[key]}`);
  if (r.baseScore !== null) {
    const ok =
      r.objective === 'binary:logistic' ? r.baseScore > 0 && r.baseScore < 1 : Number.isFinite(r.baseScore);
    if (!ok) throw new RangeError(`gbdt baseScore ${r.baseScore} is not valid for ${r.objective}`);
  }
  if (!Number.isInteger(r.seed)) throw new RangeError(`gbdt seed must be an integer, got ${r.seed}`);
  return r;
}

/** Below this a hessian counts as zero (xgboost's kRtEps for logistic hessians). */
const MIN_HESSIAN = 1e-16;

/**
 * Gradient and hessian of the loss with respect to each row's margin, written into grad and hess
 * (float32, as xgboost keeps them; the sums over rows are float64).
 */
export function computeGradients(
  objective: GbdtObjective,
  margin: Float64Array,
  labels: ArrayLike<number>,
  grad: Float32Array,
  hess: Float32Array,
): void {
  const n = margin.length;
  if (objective === 'binary:logistic') {
    for (let r = 0; r < n; r++) {
      const p = 1 / (1 + Math.exp(-margin[r]!));
      grad[r] = p - labels[r]!;
      hess[r] = Math.max(p * (1 - p), MIN_HESSIAN);
    }
  } else {
    for (let r = 0; r < n; r++) {
      grad[r] = margin[r]! - labels[r]!;
      hess[r] = 1;
    }
  }
}

/** The margin of a base score: its logit for `binary:logistic`, itself otherwise. */
export function baseMargin(objective: GbdtObjective, baseScore: number): number {
  return objective === 'binary:logistic' ? Math.log(baseScore / (1 - baseScore)) : baseScore;
}

/** The base score `null` asks for: the labels' mean (clamped inside (0, 1) for log loss). */
export function estimateBaseScore(objective: GbdtObjective, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let r = 0; r < labels.length; r++) sum += labels[r]!;
  const mean = labels.length > 0 ? sum / labels.length : 0.5;
  return objective === 'binary:logistic' ? Math.min(1 - 1e-6, Math.max(1e-6, mean)) : mean;
}

/** Checks labels for the objective: 0/1 for log loss, finite for squared error. */
export function checkLabels(objective: GbdtObjective, labels: ArrayLike<number>): void {
  for (let r = 0; r < labels.length; r++) {
    const y = labels[r]!;
    if (objective === 'binary:logistic' ? !(y >= 0 && y <= 1) : !Number.isFinite(y))
      throw new RangeError(`gbdt label ${y} at row ${r} is not valid for ${objective}`);
  }
}
