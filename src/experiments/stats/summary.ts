// Sufficient statistics for the tests in this folder. Welch needs (n, mean, variance) per arm; the
// delta-method ratio and CUPED also need a covariance, so the paired form carries the cross moment
// and both can be computed in one pass over per-user rows. Welford's updates avoid the cancellation
// of Σx² − n·mean², which on engagement metrics with large means loses most digits; merges (Chan
// et al.) let shards of a fleet summarize their own users and combine the results.

/** Sample size, mean and sample variance (n − 1 denominator; NaN when n < 2) of one metric. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/** Moments of paired per-unit values (x, y): both marginals and their sample covariance. */
export interface PairedSummary {
  readonly n: number;
  readonly meanX: number;
  readonly meanY: number;
  readonly varianceX: number;
  readonly varianceY: number;
  readonly covariance: number;
}

/** Streaming mean and variance of one metric (Welford). */
export class MomentAccumulator {
  private count = 0;
  private runningMean = 0;
  private sumSquaredDeviations = 0;

  /** Adds one observation. */
  add(value: number): void {
    this.count++;
    const deviation = value - this.runningMean;
    this.runningMean += deviation / this.count;
    this.sumSquaredDeviations += deviation * (value - this.runningMean);
  }

  /** Folds in another accumulator's observations, as if they had been added here. */
  merge(other: MomentAccumulator): void {
    if (other.count === 0) return;
    const total = this.count + other.count;
    const delta = other.runningMean - this.runningMean;
    this.sumSquaredDeviations +=
      other.sumSquaredDeviations + (delta * delta * this.count * other.count) / total;
    this.runningMean += (delta * other.count) / total;
    this.count = total;
  }

  /** The observations so far as a Summary (mean NaN when empty, variance NaN below two). */
  summary(): Summary {
    return {
      n: this.count,
      mean: this.count === 0 ? NaN : this.runningMean,
      variance: this.count < 2 ? NaN : this.sumSquaredDeviations / (this.count - 1),
    };
  }
}

/** Streaming moments of paired values (x, y), including their covariance (Welford). */
export class PairedMomentAccumulator {
  private count = 0;
  private runningMeanX = 0;
  private runningMeanY = 0;
  private sumSquaredDeviationsX = 0;
  private sumSquaredDeviationsY = 0;
  private sumCrossDeviations = 0;

  /** Adds one unit's pair of values. */
  add(x: number, y: number): void {
    this.count++;
    const deviationX = x - this.runningMeanX;
    const deviationY = y - this.runningMeanY;
    this.runningMeanX += deviationX / this.count;
    this.runningMeanY += deviationY / this.count;
    this.sumSquaredDeviationsX += deviationX * (x - this.runningMeanX);
    this.sumSquaredDeviationsY += deviationY * (y - this.runningMeanY);
    this.sumCrossDeviations += deviationX * (y - this.runningMeanY);
  }

  /** Folds in another accumulator's pairs, as if they had been added here. */
  merge(other: PairedMomentAccumulator): void {
    if (other.count === 0) return;
    const total = this.count + other.count;
    const weight = (this.count * other.count) / total;
    const deltaX = other.runningMeanX - this.runningMeanX;
    const deltaY = other.runningMeanY - this.runningMeanY;
    this.sumSquaredDeviationsX += other.sumSquaredDeviationsX + deltaX * deltaX * weight;
    this.sumSquaredDeviationsY += other.sumSquaredDeviationsY + deltaY * deltaY * weight;
    this.sumCrossDeviations += other.sumCrossDeviations + deltaX * deltaY * weight;
    this.runningMeanX += (deltaX * other.count) / total;
    this.runningMeanY += (deltaY * other.count) / total;
    this.count = total;
  }

  /** The pairs so far as a PairedSummary (means NaN when empty, (co)variances NaN below two). */
  summary(): PairedSummary {
    const empty = this.count === 0;
    const denominator = this.count < 2 ? NaN : this.count - 1;
    return {
      n: this.count,
      meanX: empty ? NaN : this.runningMeanX,
      meanY: empty ? NaN : this.runningMeanY,
      varianceX: this.sumSquaredDeviationsX / denominator,
      varianceY: this.sumSquaredDeviationsY / denominator,
      covariance: this.sumCrossDeviations / denominator,
    };
  }
}

/** Summary of one metric's per-unit values. */
export function summarize(values: ArrayLike<number>): Summary {
  const accumulator = new MomentAccumulator();
  for (let i = 0; i < values.length; i++) accumulator.add(values[i]!);
  return accumulator.summary();
}

/** PairedSummary of per-unit pairs (xs[i], ys[i]); throws RangeError if the lengths differ. */
export function summarizePairs(xs: ArrayLike<number>, ys: ArrayLike<number>): PairedSummary {
  if (xs.length !== ys.length) {
    throw new RangeError(`paired values need equal lengths, got ${xs.length} and ${ys.length}`);
  }
  const accumulator = new PairedMomentAccumulator();
  for (let i = 0; i < xs.length; i++) accumulator.add(xs[i]!, ys[i]!);
  return accumulator.summary();
}
