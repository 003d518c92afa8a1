// The k best (score, key) pairs of a stream: a bounded min-heap whose root is the worst kept pair,
// O(n log k) with nothing allocated per item. Equal scores rank the lower key first, so results
// are deterministic. Top-k over a model's scores, over a vector scan, in the recall sources and in
// the simulator's baselines all use it.

function better(sa: number, ka: number, sb: number, kb: number): boolean {
  return sa > sb || (sa === sb && ka < kb);
}

export class TopK {
  private readonly keys: Int32Array;
  private readonly scores: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.keys = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** Empties it, for reuse. */
  reset(): void {
    this.size = 0;
  }

  /** The score a pair must beat to be kept: -Infinity until it is full (Infinity when k is 0). */
  get worst(): number {
    if (this.k === 0) return Infinity;
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  /** Whether (score, key) would be kept; check before costly work such as an exclusion test. */
  admits(score: number, key: number): boolean {
    return this.size < this.k || (this.k > 0 && better(score, key, this.scores[0]!, this.keys[0]!));
  }

  push(score: number, key: number): void {
    if (!this.admits(score, key)) return;
    const { keys, scores } = this;
    let pos: number;
    if (this.size < this.k) {
      pos = this.size++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!better(scores[parent]!, keys[parent]!, score, key)) break;
        scores[pos] = scores[parent]!;
        keys[pos] = keys[parent]!;
        pos = parent;
      }
    } else {
      pos = 0;
      for (;;) {
        const left = 2 * pos + 1;
        if (left >= this.size) break;
        const right = left + 1;
        let worst = left;
        if (right < this.size && better(scores[left]!, keys[left]!, scores[right]!, keys[right]!))
          worst = right;
        if (!better(score, key, scores[worst]!, keys[worst]!)) break;
        scores[pos] = scores[worst]!;
        keys[pos] = keys[worst]!;
        pos = worst;
      }
    }
    scores[pos] = score;
    keys[pos] = key;
  }

  /** The kept pairs, best first. */
  sorted(): { keys: Int32Array; scores: Float64Array } {
    const { keys, scores } = this;
    const order = Array.from({ length: this.size }, (_, j) => j).sort((a, b) =>
      better(scores[a]!, keys[a]!, scores[b]!, keys[b]!) ? -1 : 1,
    );
    return {
      keys: Int32Array.from(order, (j) => keys[j]!),
      scores: Float64Array.from(order, (j) => scores[j]!),
    };
  }
}
