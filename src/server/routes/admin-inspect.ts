// The dashboard's inspectors. A user's next feed and why: a dry run of the real pipeline that
// records nothing as served (so looking never changes what the user gets). An item's stats,
// traffic-pool standing and audience.
import { Type } from '@sinclair/typebox';
import { Item, ProblemError, newRequestId, type Event } from '../../core/index.js';
import { TrafficPools, trafficPoolOptions } from '../../rerank/index.js';
import { FeedResponse, IdParams, Problem } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

/** Events of one item read for its audience (the log has no item index: a bounded scan). */
const AUDIENCE_EVENTS = 5000;

const Numbers = Type.Record(Type.String(), Type.Number());

const ItemInspection = Type.Object({
  item: Item,
  stats: Type.Union([Numbers, Type.Null()]),
  windows: Type.Record(Type.String(), Numbers),
  pool: Type.Union([
    Type.Object({ level: Type.Integer(), capped: Type.Boolean(), remaining: Type.Integer() }),
    Type.Null(),
  ]),
  audience: Type.Object({
    users: Type.Integer(),
    byType: Type.Record(Type.String(), Type.Integer()),
    locales: Type.Record(Type.String(), Type.Integer()),
    recentUsers: Type.Array(Type.String()),
  }),
});

export function adminInspectRoutes(app: App, { engine }: RouteDeps): void {
  const itemEvents = engine.db.prepare<[string, number], { user_id: string; type: string; doc: string }>(
    'SELECT user_id, type, doc FROM events WHERE item_id = ? ORDER BY "offset" DESC LIMIT ?',
  );
  // A serving engine's own pools (its maintenance keeps them fresh); else the inspector's, same rules.
  const pools =
    engine.trafficPools ??
    new TrafficPools(engine.catalog, engine.stats, trafficPoolOptions(engine.config.feed.rerank));

  app.get(
    '/v1/admin/users/:id/next-feed',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['ops'],
        summary: "The user's next feed and why, as a dry run: nothing is recorded as served",
        params: IdParams,
        querystring: Type.Object({ n: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) }),
        response: { 200: FeedResponse, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!engine.users.get(id)) throw new ProblemError('not_found', `No user ${id}`);
      return engine.feed({
        requestId: `dry-${newRequestId()}`,
        userId: id,
        n: request.query.n,
        now: engine.clock.now(),
        dryRun: true,
        explain: true, // the inspector shows why each would be served
      });
    },
  );

  app.get(
    '/v1/admin/items/:id',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['ops'],
        summary: "An item's counters, windows, traffic-pool standing and audience",
        params: IdParams,
        response: { 200: ItemInspection, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entry = engine.catalog.get(id);
      if (!entry) throw new ProblemError('not_found', `No item ${id}`);
      const now = engine.clock.now();
      if (pools.stale(now)) pools.rebuild(now);
      const stat = engine.stats.get(id);
      const users = new Set<string>();
      const byType: Record<string, number> = {};
      const locales: Record<string, number> = {};
      const recentUsers: string[] = [];
      for (const row of itemEvents.all(id, AUDIENCE_EVENTS)) {
        byType[row.type] = (byType[row.type] ?? 0) + 1;
        if (users.has(row.user_id)) continue;
        users.add(row.user_id);
        if (recentUsers.length < 20) recentUsers.push(row.user_id);
        const locale = (JSON.parse(row.doc) as Event).context?.locale ?? 'unknown';
        locales[locale] = (locales[locale] ?? 0) + 1;
      }
      const windows: Record<string, Record<string, number>> = { ...engine.windows.windows(id, now) };
      return {
        item: entry.item,
        stats: stat ? { ...stat } : null,
        windows,
        pool: pools.standing(id) ?? null,
        audience: { users: users.size, byType, locales, recentUsers },
      };
    },
  );
}
