// Batch training from the event log into the model registry: what `foryou train` and the
// periodic trainer of `serve --train-every` run. Servers poll the registry and swap versions in.
import type { EventLog } from '../log/index.js';
import {
  createModel,
  isSerializable,
  trainingSummary,
  type ModelOptions,
  type ModelRegistry,
  type RegisteredVersion,
} from '../models/index.js';
import type { SignalReader } from '../stream/index.js';
import { interactionsFromLog, type LogInteractionOptions } from './interactions.js';

export interface TrainOptions extends LogInteractionOptions {
  model: string;
  modelOptions?: ModelOptions;
  /** Registry name; defaults to the model's name. */
  name?: string;
}

export interface TrainResult {
  registered: RegisteredVersion | null;
  interactions: number;
  users: number;
  items: number;
  fitMs: number;
}

/** Trains on every positive (user, video) engagement in the log; registers nothing when there is none. */
export function trainFromLog(
  log: EventLog,
  signals: SignalReader,
  registry: ModelRegistry,
  options: TrainOptions,
): TrainResult {
  const data = interactionsFromLog(log, signals, options);
  const result: TrainResult = {
    registered: null,
    interactions: data.length,
    users: data.nUsers,
    items: data.nItems,
    fitMs: 0,
  };
  if (data.length === 0) return result;
  const model = createModel(options.model, options.modelOptions);
  if (!isSerializable(model)) throw new Error(`model ${options.model} cannot be saved to the registry`);
  const t0 = performance.now();
  model.fit(data);
  result.fitMs = Math.round(performance.now() - t0);
  const artifact = model.toArtifact({
    itemIds: data.itemIds,
    userIds: data.userIds,
    training: { ...trainingSummary(data), source: 'event log', upToOffset: data.upTo, fitMs: result.fitMs },
  });
  result.registered = registry.register(options.name ?? options.model, artifact, {
    trainedAt: new Date(),
    dataSummary: { interactions: data.length, users: data.nUsers, items: data.nItems, upToOffset: data.upTo },
  });
  return result;
}
