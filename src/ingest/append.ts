// Appending a valid batch of events: the log records and the users they introduce, in one
// transaction (a savepoint inside the caller's), so a batch is all-or-nothing. The same function
// runs on the serving thread (imports, simulations, tests) and on the event writer's thread.
import type { Event } from '../core/index.js';
import type { AppendResult, EventLog } from '../log/index.js';
import type { Db, UserStore } from '../store/index.js';

export interface EventIngestResult extends AppendResult {
  usersCreated: number;
}

/** Appends; unknown users are created, first seen at their earliest event. Returns the users seen. */
export function appendEventBatch(
  db: Db,
  log: EventLog,
  users: UserStore,
  events: readonly Event[],
  now: number,
): { result: EventIngestResult; userIds: string[] } {
  const firstSeen = new Map<string, number>();
  for (const e of events) {
    const ts = Date.parse(e.timestamp);
    const prev = firstSeen.get(e.userId);
    if (prev === undefined || ts < prev) firstSeen.set(e.userId, ts);
  }
  const result = db
    .transaction(() => {
      let usersCreated = 0;
      for (const [id, ts] of firstSeen) if (users.ensure(id, ts, now)) usersCreated += 1;
      return { ...log.append(events, now), usersCreated };
    })
    .immediate();
  return { result, userIds: [...firstSeen.keys()] };
}
