// A user's recent events, for support, debugging and the user inspector.
import { Type } from '@sinclair/typebox';
import { Event, ProblemError } from '../../core/index.js';
import { IdParams, Problem } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

export function userEventRoutes(app: App, { engine }: RouteDeps): void {
  const recentEvents = engine.db.prepare<[string, number], { doc: string }>(
    'SELECT doc FROM events WHERE user_id = ? ORDER BY "offset" DESC LIMIT ?',
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
