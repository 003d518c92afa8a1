// A user's recent events and nearline profile, for support, debugging and the user inspector.
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

  app.get(
    '/v1/users/:id/profile',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['users'],
        summary: 'What the stream processors know of the user: recent engagements, follows, affinities',
        params: IdParams,
        response: { 200: ProfileResponse, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!engine.users.get(id)) throw new ProblemError('not_found', `No user ${id}`);
      const profile = engine.profiles.get(id);
      if (!profile) return { userId: id, updatedAt: null, recent: [], follows: [], topics: {}, creators: {} };
      return {
        userId: id,
        updatedAt: new Date(profile.updatedAt).toISOString(),
        recent: profile.recent.map((e) => ({ ...e, ts: new Date(e.ts).toISOString() })),
        follows: profile.follows,
        topics: profile.topics,
        creators: profile.creators,
      };
    },
  );
}

const ProfileResponse = Type.Object({
  userId: Type.String(),
  /** When the affinities were last brought up to date; null before the user's first engagement. */
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  recent: Type.Array(
    Type.Object({
      itemId: Type.String(),
      ts: Type.String(),
      weight: Type.Number(),
      completed: Type.Boolean(),
    }),
  ),
  follows: Type.Array(Type.String()),
  topics: Type.Record(Type.String(), Type.Number()),
  creators: Type.Record(Type.String(), Type.Number()),
});
