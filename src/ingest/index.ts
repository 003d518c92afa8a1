export { Ingestor, type IngestDeps, type EventIngestResult, type RecordKind } from './ingestor.js';
export { batchSchemas } from './batches.js';
export { eventRuleErrors } from './rules.js';
export { readJsonl, readCsv, splitCsv, fileFormat, type FileRecord } from './files.js';
export { EventWriter, type EventWriterOptions } from './event-writer.js';
