// Health, readiness, metrics and the log's state for operators.
import { Type } from '@sinclair/typebox';
import { ProblemError } from '../../core/index.js';
import type { App, RouteDeps } from '../types.js';

export function opsRoutes(app: App, { engine, metrics, isReady }: RouteDeps): void {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    { schema: { tags: ['ops'], summary: 'Readiness: store open, accepting traffic' } },
    async () => {
      if (!isReady()) throw new ProblemError('not_ready', 'Starting or shutting down');
      return { status: 'ready', items: engine.catalog.size };
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['ops'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );

  app.get(
    '/v1/admin/log',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['ops'],
        summary: 'Event log position and each consumer group’s lag',
        response: {
          200: Type.Object({
            lastOffset: Type.Integer(),
            groups: Type.Array(
              Type.Object({ group: Type.String(), offset: Type.Integer(), lag: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async () => {
      const lastOffset = engine.log.lastOffset();
      return {
        lastOffset,
        groups: engine.log.groups().map((g) => ({ ...g, lag: lastOffset - g.offset })),
      };
    },
  );
}
