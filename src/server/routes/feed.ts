// The feed: what this user should watch next.
import { newRequestId } from '../../core/index.js';
import { FeedQuerystring, FeedResponse, errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

export function feedRoutes(app: App, { engine }: RouteDeps): void {
  const { defaultN, maxN } = engine.config.feed;
  app.get(
    '/v1/feed',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['feed'],
        summary: `Up to n (default ${defaultN}, at most ${maxN}) videos for the user, best first`,
        querystring: FeedQuerystring,
        response: { 200: FeedResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { user, n: asked, explain, ...context } = request.query;
      return engine.feed({
        requestId: newRequestId(),
        userId: user,
        n: Math.min(asked ?? defaultN, maxN),
        now: engine.clock.now(),
        ...(Object.keys(context).length > 0 ? { context } : {}),
        ...(explain ? { explain } : {}),
      });
    },
  );
}
