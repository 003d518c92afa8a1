// The feed: what this user should watch next.
import { newRequestId } from '../../core/index.js';
import { FeedQuerystring, FeedResponse, errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

/** What the on-device re-ranker may use: the learned model's head scores, nothing else. */
function compactFeatures(features: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(features)) if (k.startsWith('model_')) out[k] = v;
  return out;
}

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
      const { user, n: asked, explain, extra: more, ...context } = request.query;
      const n = Math.min(asked ?? defaultN, maxN);
      const extra = more ?? 0;
      const response = await engine.feed({
        requestId: newRequestId(),
        userId: user,
        n: n + extra,
        now: engine.clock.now(),
        ...(Object.keys(context).length > 0 ? { context } : {}),
        ...(explain ? { explain } : {}),
      });
      const items = response.items.map(({ features, ...rest }) =>
        extra > 0 ? { ...rest, features: compactFeatures(features) } : rest,
      );
      return { ...response, items };
    },
  );
}
