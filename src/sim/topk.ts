// The k-th largest value by quickselect, without sorting the catalog (the k best of n: core's TopK).
// The oracle runs it once per request over every video.

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
