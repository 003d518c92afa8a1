// The embedded store: one SQLite database in the data directory, and the views over it.
export { openDb, migrate, relaxedTransaction, DB_FILE, type Db } from './db.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { CatalogStore, type UpsertResult } from './catalog.js';
export { UserStore } from './users.js';
export {
  ItemStatsStore,
  COUNTER_NAMES,
  smoothedRate,
  type ItemStat,
  type ItemCounters,
  type EngagementDelta,
  type ScoredItem,
  type ItemStatColumns,
  type OrdinalSource,
} from './item-stats.js';
export { SeenStore } from './seen.js';
export { ServedStore, type ServedItem } from './served.js';
export { Checkpointer } from './checkpointer.js';
export { ProfileStore } from './profiles.js';
export { CoVisitStore, type CoVisitDelta } from './co-visits.js';
export {
  FINE_BUCKET_MS,
  HOUR_BUCKET_MS,
  WINDOW_MS,
  type ItemWindows,
  type WindowName,
  type QualityPrior,
  type WindowQuality,
} from './window-buckets.js';
export { ItemWindowsStore, type ItemWindowsOptions } from './item-windows.js';
export { SampleStore, type Sample, type NewSample } from './samples.js';
export { WriteLock } from './write-lock.js';
