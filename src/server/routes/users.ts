// Users: batch upsert, lookup, and their recent events.
import { Type } from '@sinclair/typebox';
import { Event, ProblemError, User } from '../../core/index.js';
import { batchSchemas } from '../../ingest/index.js';
import { IdParams, Problem, UpsertResponse, errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

export function userRoutes(app: App, { engine, metrics }: RouteDeps): void {
  const batches = batchSchemas(engine.config.ingest.maxBatch);
  const recentEvents = engine.db.prepare<[string, number], { doc: string }>(
    'SELECT doc FROM events WHERE user_id = ? ORDER BY "offset" DESC LIMIT ?',
  );

  app.post(
    '/v1/users',
    {
      config: { scope: 'ingest' },
      schema: {
        tags: ['users'],
        summary: 'Insert or replace up to maxBatch users (all-or-nothing)',
        body: batches.users,
        response: { 200: UpsertResponse, ...errorResponses },
      },
    },
    async (request) => {
      const result = engine.ingestor.upsertUsers(request.body.users);
      metrics.recordsUpserted.inc({ kind: 'users' }, request.body.users.length);
      return result;
    },
  );

  app.get(
    '/v1/users/:id',
    {
      config: { scope: 'read' },
      schema: { tags: ['users'], params: IdParams, response: { 200: User, 404: Problem } },
    },
    async (request) => {
      const user = engine.users.get(request.params.id);
      if (!user) throw new ProblemError('not_found', `No user ${request.params.id}`);
      return user;
    },
  );

  app.get(
    '/v1/users/:id/events',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['users'],
        summary: "The user's most recent events, newest first",
        params: IdParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
        response: { 200: Type.Object({ events: Type.Array(Event) }), 404: Problem },
      },
    },
    async (request) => {
      if (!engine.users.get(request.params.id))
        throw new ProblemError('not_found', `No user ${request.params.id}`);
      const rows = recentEvents.all(request.params.id, request.query.limit);
      return { events: rows.map((r) => JSON.parse(r.doc) as Event) };
    },
  );
}
