export type { EventLog, LogRecord, LogPosition, AppendResult, CommittedOffset } from './types.js';
export { eventTime } from './types.js';
export { SqliteEventLog } from './sqlite-log.js';
export { scanLog, readAll } from './scan.js';
