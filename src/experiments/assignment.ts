// Deterministic assignment: a user's bucket in a layer is a hash of the layer's name and the user
// id, so every process and every restart agrees without coordination; the experiment holding that
// bucket (experiments in a layer hold disjoint ranges) then picks the arm by a second hash, of the
// experiment id and the user id, against the arms' weights. Layers hash independently, so they are
// orthogonal; a global holdout keeps a share of users out of every experiment.
import { hashString } from '../core/index.js';
import { BUCKETS, type ArmAssignment, type Experiment } from './types.js';

/** The user's bucket in [0, BUCKETS) of the layer (its name is its salt). */
export function bucketOf(userId: string, layer: string): number {
  return hashString(`${layer}\u0000${userId}`) % BUCKETS;
}

const HOLDOUT_SALT = '\u0000holdout';

/** The arm of `experiment` for a user in its buckets, by weight. */
export function armOf(experiment: Pick<Experiment, 'id' | 'arms'>, userId: string): string {
  const total = experiment.arms.reduce((s, a) => s + a.weight, 0);
  // A second, independent hash: the position within the layer's range must not pick the arm, or
  // arms would split the range in slices that another experiment's range shifts.
  const u = (hashString(`${experiment.id}\u0000${userId}`, 1) / 2 ** 32) * total;
  let acc = 0;
  for (const arm of experiment.arms) {
    acc += arm.weight;
    if (u < acc) return arm.name;
  }
  return experiment.arms[experiment.arms.length - 1]!.name;
}

export class Assigner {
  private readonly byLayer = new Map<string, Experiment[]>();
  private readonly forced = new Map<string, { experiment: Experiment; arm: string }[]>();

  /**
   * @param experiments the running ones (others are ignored)
   * @param holdoutPercent share of all users kept out of every experiment
   */
  constructor(
    experiments: readonly Experiment[],
    private readonly holdoutPercent = 0,
  ) {
    for (const e of experiments) {
      if (e.status !== 'running') continue;
      const list = this.byLayer.get(e.layer) ?? [];
      list.push(e);
      this.byLayer.set(e.layer, list);
      for (const [user, arm] of Object.entries(e.forced)) {
        const entries = this.forced.get(user) ?? [];
        entries.push({ experiment: e, arm });
        this.forced.set(user, entries);
      }
    }
  }

  /** Whether the user is in the global holdout. */
  heldOut(userId: string): boolean {
    return this.holdoutPercent > 0 && bucketOf(userId, HOLDOUT_SALT) < this.holdoutPercent * (BUCKETS / 100);
  }

  /** The user's arm in each running experiment that includes them, by layer name order. */
  assign(userId: string): ArmAssignment[] {
    if (this.byLayer.size === 0) return [];
    const out: ArmAssignment[] = [];
    const forced = this.forced.get(userId);
    const forcedLayers = new Set<string>();
    for (const f of forced ?? []) {
      out.push({ experiment: f.experiment.id, arm: f.arm, forced: true });
      forcedLayers.add(f.experiment.layer);
    }
    if (this.heldOut(userId)) return out;
    for (const [layer, experiments] of this.byLayer) {
      if (forcedLayers.has(layer)) continue;
      const bucket = bucketOf(userId, layer);
      const e = experiments.find((x) => bucket >= x.bucketStart && bucket < x.bucketEnd);
      if (e) out.push({ experiment: e.id, arm: armOf(e, userId), forced: false });
    }
    return out;
  }
}

/**
 * The first free range of `size` buckets in a layer whose other live experiments hold `taken`, or
 * null when the layer has no room.
 */
export function allocateBuckets(
  taken: readonly { bucketStart: number; bucketEnd: number }[],
  size: number,
): { bucketStart: number; bucketEnd: number } | null {
  const ranges = [...taken].sort((a, b) => a.bucketStart - b.bucketStart);
  let start = 0;
  for (const r of ranges) {
    if (r.bucketStart - start >= size) break;
    start = Math.max(start, r.bucketEnd);
  }
  return start + size <= BUCKETS ? { bucketStart: start, bucketEnd: start + size } : null;
}
