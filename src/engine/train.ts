// Training the embedding model from a data directory's event log into its model registry: what
// `Engine.train` and `foryou train` share. It needs only the log, the catalog (for durations) and
// the registry, so the command does not build the serving state an Engine would.
import { join } from 'node:path';
import type { Config } from '../core/index.js';
import { SqliteEventLog, type EventLog } from '../log/index.js';
import { ModelRegistry } from '../models/index.js';
import { EMBEDDING_MODEL } from '../recall/index.js';
import { CatalogStore, openDb } from '../store/index.js';
import { SignalReader } from '../stream/index.js';
import { trainFromLog, type TrainResult } from '../warehouse/index.js';

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

/** Trains from the data directory `config` names, opening only what training reads. */
export function trainDataDir(config: Config, now = Date.now()): TrainResult {
  const db = openDb(config.dataDir, { synchronous: config.store.synchronous });
  try {
    const signals = new SignalReader(new CatalogStore(db), config.eventWeights, config.profile);
    return trainEmbedding(
      new SqliteEventLog(db),
      signals,
      new ModelRegistry(registryDir(config.dataDir)),
      config.train,
      now,
    );
  } finally {
    db.close();
  }
}
