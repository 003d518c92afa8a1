// Training datasets from the event log and from the Parquet warehouse (DuckDB), the exporter that
// fills the warehouse, and batch training into the model registry.
export {
  interactionsFromLog,
  InteractionBuilder,
  type LogInteractions,
  type LogInteractionOptions,
} from './interactions.js';
export { trainFromLog, trainFromWarehouse, type TrainOptions, type TrainResult } from './train.js';
export {
  WarehouseExporter,
  WAREHOUSE_GROUP,
  type ExporterOptions,
  type ExportSummary,
  type WrittenBatch,
  type WrittenFile,
} from './exporter.js';
export {
  interactionsFromWarehouse,
  eventsFromWarehouse,
  samplesFromWarehouse,
  type WarehouseInteractionOptions,
  type TimeRange,
} from './reader.js';
export { warehouseDir, listBatchFiles, type BatchFile } from './layout.js';
