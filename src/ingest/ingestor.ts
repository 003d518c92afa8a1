// The one way data enters the store, for HTTP and import alike. Events go to the log in one
// transaction with the users they introduce: a batch is all-or-nothing.
import {
  compileValidator,
  Creator,
  Event,
  Item,
  User,
  validationProblem,
  type Clock,
  type Config,
  type FieldError,
  type Validator,
} from '../core/index.js';
import type { AppendResult, EventLog } from '../log/index.js';
import type { CatalogStore, Db, UpsertResult, UserStore } from '../store/index.js';
import { eventRuleErrors } from './rules.js';

export interface IngestDeps {
  db: Db;
  log: EventLog;
  users: UserStore;
  catalog: CatalogStore;
  config: Config;
  clock: Clock;
}

export interface EventIngestResult extends AppendResult {
  usersCreated: number;
}

export type RecordKind = 'events' | 'items' | 'users' | 'creators';

const validators: { [K in RecordKind]: Validator<unknown> } = {
  events: compileValidator(Event),
  items: compileValidator(Item),
  users: compileValidator(User),
  creators: compileValidator(Creator),
};

export class Ingestor {
  constructor(private readonly deps: IngestDeps) {}

  /** Errors in one record of any kind (schema and rules); `at` prefixes the field pointers. */
  recordErrors(kind: RecordKind, raw: unknown, at = ''): FieldError[] {
    const schemaErrors = validators[kind].errors(raw).map((e) => ({ ...e, pointer: at + e.pointer }));
    if (schemaErrors.length > 0 || kind !== 'events') return schemaErrors;
    return eventRuleErrors(raw as Event, at, this.deps.clock.now(), this.deps.config.ingest.maxFutureSkewMs);
  }

  /** Rule errors of a batch whose shape is already valid (the HTTP layer checked it). */
  eventBatchErrors(events: readonly Event[]): FieldError[] {
    const now = this.deps.clock.now();
    const skew = this.deps.config.ingest.maxFutureSkewMs;
    return events.flatMap((e, i) => eventRuleErrors(e, `/events/${i}`, now, skew));
  }

  /** Appends a valid batch; unknown users are created, first seen at their earliest event. */
  ingestEvents(events: readonly Event[]): EventIngestResult {
    const errors = this.eventBatchErrors(events);
    if (errors.length > 0) throw validationProblem(errors, undefined, 'body');
    const { db, log, users, clock } = this.deps;
    const now = clock.now();
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
    users.remember(firstSeen.keys());
    return result;
  }

  upsertItems(items: Item[]): UpsertResult {
    return this.deps.catalog.upsertItems(items, this.deps.clock.now());
  }

  upsertUsers(users: User[]): UpsertResult {
    return this.deps.users.upsert(users, this.deps.clock.now());
  }

  upsertCreators(creators: Creator[]): UpsertResult {
    return this.deps.catalog.upsertCreators(creators, this.deps.clock.now());
  }
}
