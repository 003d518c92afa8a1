// Selection without sorting the catalog: the k best of n scores in one pass, and the k-th largest
// value by quickselect. The baselines run these once per request over every video.

/** Keeps the `capacity` highest (score, id) pairs offered, best first. */
export class TopK {
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  reset(): void {
    this.size = 0;
  }

  /** The score an offer must beat to get in. */
  get floor(): number {
    return this.size < this.capacity ? -Infinity : this.scores[this.capacity - 1]!;
  }

  offer(id: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.size === this.capacity && score <= this.scores[this.capacity - 1]!) return;
    let i = this.size < this.capacity ? this.size++ : this.capacity - 1;
    while (i > 0 && this.scores[i - 1]! < score) {
      this.scores[i] = this.scores[i - 1]!;
      this.ids[i] = this.ids[i - 1]!;
      i--;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }
}

/** The k-th largest (1-based) of the first `n` values; reorders `values`. */
export function kthLargest(values: Float32Array, n: number, k: number): number {
  if (n === 0) return -Infinity;
  let lo = 0;
  let hi = n - 1;
  const target = Math.min(Math.max(k, 1), n) - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
