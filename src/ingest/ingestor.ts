// The one way data enters the store, for HTTP and import alike. Events go to the log in one
// transaction with the users they introduce (append.ts): a batch is all-or-nothing.
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
import type { EventLog } from '../log/index.js';
import type { CatalogStore, Db, UpsertResult, UserStore } from '../store/index.js';
import { appendEventBatch, type EventIngestResult } from './append.js';
import type { EventWriter } from './event-writer.js';
import { eventRuleErrors } from './rules.js';

export type { EventIngestResult };

export interface IngestDeps {
  db: Db;
  log: EventLog;
  users: UserStore;
  catalog: CatalogStore;
  config: Config;
  clock: Clock;
  /** Where a server's event batches are written (`submitEvents`); none for one-shot commands. */
  writer?: EventWriter | null;
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

  /** Appends a valid batch on this thread; unknown users are created, first seen at their earliest event. */
  ingestEvents(events: readonly Event[]): EventIngestResult {
    this.checkEventBatch(events);
    const { db, log, users, clock } = this.deps;
    const { result, userIds } = appendEventBatch(db, log, users, events, clock.now());
    users.remember(userIds);
    return result;
  }

  /**
   * Appends a valid batch as a server does: validated here, written on the event writer's thread
   * (together with other requests' batches, one fsync for all), resolved once durable. Without a
   * writer (one-shot commands, simulations) it is `ingestEvents`.
   */
  async submitEvents(events: readonly Event[]): Promise<EventIngestResult> {
    const { writer, clock } = this.deps;
    if (!writer) return this.ingestEvents(events);
    this.checkEventBatch(events);
    return writer.append(events, clock.now());
  }

  private checkEventBatch(events: readonly Event[]): void {
    const errors = this.eventBatchErrors(events);
    if (errors.length > 0) throw validationProblem(errors, undefined, 'body');
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
