// Beyond-accuracy metrics over the lists recommended to all users.
//   catalog coverage = |distinct items recommended| / |catalog|
//   novelty          = mean over every recommended slot of -log2(p(i)), p(i) = users who
//                      interacted with i in train / users in train (MSR's `novelty`); an item no
//                      one saw in train counts as seen by one user, to keep the value finite
//   intra-list diversity = mean over lists of the mean over item pairs of (1 - sim(i, j))

export function catalogCoverage(lists: readonly ArrayLike<number>[], nItems: number): number {
  const seen = new Uint8Array(nItems);
  let distinct = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      if (!seen[item]) {
        seen[item] = 1;
        distinct++;
      }
    }
  }
  return nItems > 0 ? distinct / nItems : 0;
}

/** `itemUsers[i]` = number of distinct train users of item i; `nUsers` = users in train. */
export function novelty(
  lists: readonly ArrayLike<number>[],
  itemUsers: ArrayLike<number>,
  nUsers: number,
): number {
  let sum = 0;
  let slots = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const count = Math.max(1, itemUsers[list[i]!] ?? 0);
      sum += -Math.log2(count / nUsers);
      slots++;
    }
  }
  return slots > 0 ? sum / slots : 0;
}

export type ItemSimilarity = (a: number, b: number) => number;

export function intraListDiversity(lists: readonly ArrayLike<number>[], similarity: ItemSimilarity): number {
  let total = 0;
  let counted = 0;
  for (const list of lists) {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        sum += 1 - similarity(list[i]!, list[j]!);
        pairs++;
      }
    }
    if (pairs > 0) {
      total += sum / pairs;
      counted++;
    }
  }
  return counted > 0 ? total / counted : 0;
}

/** Cosine similarity between dense item feature vectors (e.g. genre flags). */
export function featureCosine(features: readonly ArrayLike<number>[]): ItemSimilarity {
  const norms = features.map((f) => {
    let s = 0;
    for (let i = 0; i < f.length; i++) s += f[i]! * f[i]!;
    return Math.sqrt(s);
  });
  return (a, b) => {
    const fa = features[a];
    const fb = features[b];
    const denom = (norms[a] ?? 0) * (norms[b] ?? 0);
    if (!fa || !fb || denom === 0) return 0;
    let dot = 0;
    for (let i = 0; i < fa.length; i++) dot += fa[i]! * (fb[i] ?? 0);
    return dot / denom;
  };
}

/**
 * Cosine similarity of two items' sets of users (MSR's default "co-occurrence" similarity for
 * diversity), from each item's sorted user list.
 */
export function cooccurrenceCosine(itemUsers: readonly Int32Array[]): ItemSimilarity {
  return (a, b) => {
    const ua = itemUsers[a];
    const ub = itemUsers[b];
    if (!ua || !ub || ua.length === 0 || ub.length === 0) return 0;
    let i = 0;
    let j = 0;
    let common = 0;
    while (i < ua.length && j < ub.length) {
      const x = ua[i]!;
      const y = ub[j]!;
      if (x === y) {
        common++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return common / Math.sqrt(ua.length * ub.length);
  };
}
