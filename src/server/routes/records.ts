// Items, creators and users: the same two routes each, batch upsert and lookup by id.
import type { TSchema } from '@sinclair/typebox';
import { Creator, Item, ProblemError, User } from '../../core/index.js';
import type { Engine } from '../../engine/index.js';
import { batchSchemas } from '../../ingest/index.js';
import type { UpsertResult } from '../../store/index.js';
import { IdParams, Problem, UpsertResponse, errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

interface RecordKind {
  /** Singular, for messages. */
  noun: string;
  tag: string;
  schema: TSchema;
  upsert(engine: Engine, records: unknown[]): UpsertResult;
  get(engine: Engine, id: string): unknown;
}

// The records were validated against `schema` by the route before `upsert` sees them.
const KINDS: Record<'items' | 'creators' | 'users', RecordKind> = {
  items: {
    noun: 'item',
    tag: 'catalog',
    schema: Item,
    upsert: (e, r) => e.ingestor.upsertItems(r as Item[]),
    get: (e, id) => e.catalog.get(id)?.item,
  },
  creators: {
    noun: 'creator',
    tag: 'catalog',
    schema: Creator,
    upsert: (e, r) => e.ingestor.upsertCreators(r as Creator[]),
    get: (e, id) => e.catalog.getCreator(id),
  },
  users: {
    noun: 'user',
    tag: 'users',
    schema: User,
    upsert: (e, r) => e.ingestor.upsertUsers(r as User[]),
    get: (e, id) => e.users.get(id),
  },
};

export function recordRoutes(app: App, { engine, metrics }: RouteDeps): void {
  const batches = batchSchemas(engine.config.ingest.maxBatch);
  for (const [name, kind] of Object.entries(KINDS) as [keyof typeof KINDS, RecordKind][]) {
    app.post(
      `/v1/${name}`,
      {
        config: { scope: 'ingest' },
        schema: {
          tags: [kind.tag],
          summary: `Insert or replace up to ${engine.config.ingest.maxBatch} ${name} (all-or-nothing)`,
          body: batches[name],
          response: { 200: UpsertResponse, ...errorResponses },
        },
      },
      async (request) => {
        const records = (request.body as Record<string, unknown[]>)[name]!;
        const result = kind.upsert(engine, records);
        metrics.recordsUpserted.inc({ kind: name }, records.length);
        return result;
      },
    );

    app.get(
      `/v1/${name}/:id`,
      {
        config: { scope: 'read' },
        schema: { tags: [kind.tag], params: IdParams, response: { 200: kind.schema, 404: Problem } },
      },
      async (request) => {
        const { id } = request.params as { id: string };
        const record = kind.get(engine, id);
        if (record === undefined) throw new ProblemError('not_found', `No ${kind.noun} ${id}`);
        return record;
      },
    );
  }
}
