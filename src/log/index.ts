export type { EventLog, LogRecord, AppendResult } from './types.js';
export { SqliteEventLog } from './sqlite-log.js';
