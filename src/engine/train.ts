// Training the embedding model from a data directory's event log (or its Parquet warehouse) into its
// model registry: what `Engine.train` and `foryou train` share. It needs only the log, the catalog (for durations) and
// the registry, so the command does not build the serving state an Engine would.
import { join } from 'node:path';
import type { Config } from '../core/index.js';
import { SqliteEventLog, type EventLog } from '../log/index.js';
import { ModelRegistry } from '../models/index.js';
import { EMBEDDING_MODEL } from '../recall/index.js';
import { CatalogStore, openDb } from '../store/index.js';
import { SignalReader } from '../stream/index.js';
import { trainFromLog, trainFromWarehouse, warehouseDir, type TrainResult } from '../warehouse/index.js';

/** Where a data directory keeps its model registry. */
export function registryDir(dataDir: string): string {
  return join(dataDir, 'models');
}

export function trainEmbedding(
  log: EventLog,
  signals: SignalReader,
  registry: ModelRegistry,
  train: Config['train'],
  now: number,
): TrainResult {
  return trainFromLog(log, signals, registry, {
    model: EMBEDDING_MODEL,
    ...(train.windowMs > 0 ? { since: now - train.windowMs } : {}),
  });
}

export interface TrainDataDirOptions {
  /** What to train on: the event log (default) or the Parquet warehouse `foryou warehouse export` fills. */
  from?: 'log' | 'warehouse';
}

/** Trains from the data directory `config` names, opening only what training reads. */
export async function trainDataDir(
  config: Config,
  now = Date.now(),
  options: TrainDataDirOptions = {},
): Promise<TrainResult> {
  const db = openDb(config.dataDir, { synchronous: config.store.synchronous });
  try {
    const signals = new SignalReader(new CatalogStore(db), config.eventWeights, config.profile);
    const registry = new ModelRegistry(registryDir(config.dataDir));
    if (options.from === 'warehouse') {
      const log = new SqliteEventLog(db);
      return await trainFromWarehouse(warehouseDir(config.dataDir), signals, registry, {
        model: EMBEDDING_MODEL,
        partitions: log.partitions,
        ...(config.train.windowMs > 0 ? { since: now - config.train.windowMs } : {}),
      });
    }
    return trainEmbedding(new SqliteEventLog(db), signals, registry, config.train, now);
  } finally {
    db.close();
  }
}
