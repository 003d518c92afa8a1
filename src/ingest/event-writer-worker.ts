// The event writer's thread (event-writer.ts): appends the batches posted to it, those that queued
// during one commit together in the next, and answers each after the commit.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventLog } from '../log/index.js';
import { openDb, UserStore, WriteLock } from '../store/index.js';
import { appendEventBatch } from './append.js';
import type { EventWriterData, WriteReply, WriteRequest } from './event-writer.js';

const { dataDir, synchronous, lock: lockMemory } = workerData as EventWriterData;
const lock = new WriteLock(lockMemory);
const db = openDb(dataDir, { synchronous });
const log = new SqliteEventLog(db);
const users = new UserStore(db);
const port = parentPort!;
let queue: WriteRequest[] = [];
let scheduled = false;

port.on('message', (request: WriteRequest) => {
  queue.push(request);
  if (scheduled) return;
  scheduled = true;
  // After the messages already delivered: they all join this commit.
  setImmediate(flush);
});

function flush(): void {
  scheduled = false;
  const batch = queue;
  queue = [];
  const replies: WriteReply[] = [];
  const seen: string[][] = [];
  lock.acquire();
  try {
    db.transaction(() => {
      for (const { id, events, now } of batch) {
        // Each batch in a savepoint: a failing one is rolled back alone and the rest commit.
        try {
          const { result, userIds } = appendEventBatch(db, log, users, events, now);
          replies.push({ id, result });
          seen.push(userIds);
        } catch (error) {
          replies.push({ id, error: String(error) });
        }
      }
    }).immediate();
  } catch (error) {
    // The commit failed: nothing of it is durable.
    port.postMessage(batch.map(({ id }) => ({ id, error: String(error) })) satisfies WriteReply[]);
    return;
  } finally {
    lock.release();
  }
  for (const ids of seen) users.remember(ids);
  port.postMessage(replies);
}
