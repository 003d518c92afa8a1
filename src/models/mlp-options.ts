// Options of the multi-task network (mlp.ts): its shape, Adam's settings and the training schedule.
import { ArtifactError, type ModelArtifact } from './artifact.js';

export interface MlpOptions {
  /** log2 of the number of hashed input coordinates (the encoding of multi-task-ftrl.ts). */
  bits: number;
  /** Width of the sparse first layer: each coordinate's embedding row, summed weighted by its value. */
  embedding: number;
  /** Widths of the shared dense layers after it (ReLU); may be empty. */
  shared: number[];
  /** Hidden units of each head's tower (ReLU), before its one sigmoid output. */
  tower: number;
  /** Adam's step size. */
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** L2 on the weights (not the biases) and on the embedding rows a batch touches. */
  l2: number;
  /** Samples per mini-batch (the last of an epoch may be smaller). */
  batchSize: number;
  /** Passes over the data in `fit`. */
  epochs: number;
  /** Standard deviation of the initial embedding rows (dense layers start He-normal). */
  initStd: number;
  /** Seeds the initial weights and every epoch's shuffle. */
  seed: number;
}

/**
 * A small network: 16-wide embeddings, one shared layer of 32, towers of 16. Adam's usual
 * betas; a rate of 3e-3 with batches of 256 converges in a few epochs on tens of thousands of
 * samples (bench/models/ranking.ts).
 */
export const MLP_DEFAULTS: Readonly<MlpOptions> = {
  bits: 18,
  embedding: 16,
  shared: [32],
  tower: 16,
  learningRate: 3e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  l2: 1e-6,
  batchSize: 256,
  epochs: 5,
  initStd: 0.1,
  seed: 42,
};

const width = (name: string, w: unknown): void => {
  if (!(Number.isInteger(w) && (w as number) >= 1 && (w as number) <= 4096))
    throw new RangeError(`mlp ${name} must be an integer in 1..4096, got ${String(w)}`);
};

/** The options among `o`, defaults for the rest; throws a RangeError naming a bad one. */
export function mlpOptions(o: Partial<MlpOptions> = {}): MlpOptions {
  const r: MlpOptions = { ...MLP_DEFAULTS, shared: [...MLP_DEFAULTS.shared] };
  for (const key of Object.keys(MLP_DEFAULTS) as (keyof MlpOptions)[])
    if (o[key] !== undefined) (r as unknown as Record<string, unknown>)[key] = o[key];
  if (!(Number.isInteger(r.bits) && r.bits >= 1 && r.bits <= 24))
    throw new RangeError(`mlp bits must be an integer in 1..24, got ${r.bits}`);
  width('embedding', r.embedding);
  if (!Array.isArray(r.shared) || r.shared.length > 8)
    throw new RangeError('mlp shared must be a list of at most 8 layer widths');
  r.shared = [...r.shared];
  r.shared.forEach((w, i) => width(`shared[${i}]`, w));
  width('tower', r.tower);
  if (!(r.learningRate > 0)) throw new RangeError(`mlp learningRate must be positive, got ${r.learningRate}`);
  for (const key of ['beta1', 'beta2'] as const)
    if (!(r[key] >= 0 && r[key] < 1)) throw new RangeError(`mlp ${key} must be in [0, 1), got ${r[key]}`);
  if (!(r.epsilon > 0)) throw new RangeError(`mlp epsilon must be positive, got ${r.epsilon}`);
  for (const key of ['l2', 'initStd'] as const)
    if (!(r[key] >= 0)) throw new RangeError(`mlp ${key} must be at least 0, got ${r[key]}`);
  if (!(Number.isInteger(r.batchSize) && r.batchSize >= 1))
    throw new RangeError(`mlp batchSize must be a whole number >= 1, got ${r.batchSize}`);
  if (!(Number.isInteger(r.epochs) && r.epochs >= 0))
    throw new RangeError(`mlp epochs must be a whole number, got ${r.epochs}`);
  if (!Number.isInteger(r.seed)) throw new RangeError(`mlp seed must be an integer, got ${r.seed}`);
  return r;
}

/** The options stored in an artifact's header, checked as `mlpOptions` checks them. */
export function mlpOptionsOf(artifact: ModelArtifact): MlpOptions {
  const stored = artifact.options;
  const o: Record<string, unknown> = {};
  for (const key of Object.keys(MLP_DEFAULTS)) {
    const value = stored[key];
    if (value === undefined || value === null) continue;
    const ok =
      key === 'shared'
        ? Array.isArray(value) && value.every((w) => typeof w === 'number')
        : typeof value === 'number';
    if (!ok) throw new ArtifactError(`mlp option ${key} is ${JSON.stringify(value)}`);
    o[key] = value;
  }
  try {
    return mlpOptions(o as Partial<MlpOptions>);
  } catch (error) {
    if (error instanceof RangeError) throw new ArtifactError(error.message);
    throw error;
  }
}
