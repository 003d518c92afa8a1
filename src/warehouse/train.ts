// Batch training from the event log or the warehouse into the model registry: what `foryou train` and the
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
import { interactionsFromLog, type LogInteractionOptions, type LogInteractions } from './interactions.js';
import { interactionsFromWarehouse, type WarehouseInteractionOptions } from './reader.js';

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
  return fitAndRegister(interactionsFromLog(log, signals, options), 'event log', registry, options);
}

/** The same from the Parquet warehouse (`warehouseDir(dataDir)`): what `train --from warehouse` runs. */
export async function trainFromWarehouse(
  dir: string,
  signals: SignalReader,
  registry: ModelRegistry,
  options: TrainOptions & WarehouseInteractionOptions,
): Promise<TrainResult> {
  return fitAndRegister(
    await interactionsFromWarehouse(dir, signals, options),
    'warehouse',
    registry,
    options,
  );
}

function fitAndRegister(
  data: LogInteractions,
  source: string,
  registry: ModelRegistry,
  options: TrainOptions,
): TrainResult {
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
    training: { ...trainingSummary(data), source, upToOffsets: data.upTo, fitMs: result.fitMs },
  });
  result.registered = registry.register(options.name ?? options.model, artifact, {
    trainedAt: new Date(),
    dataSummary: {
      source,
      interactions: data.length,
      users: data.nUsers,
      items: data.nItems,
      upToOffsets: data.upTo,
    },
  });
  return result;
}
