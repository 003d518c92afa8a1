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
        summary: 'Event log partitions and each consumer group’s position and lag in each',
        response: {
          200: Type.Object({
            /** Events appended in all partitions, ever. */
            events: Type.Integer(),
            partitions: Type.Array(
              Type.Object({
                partition: Type.Integer(),
                startOffset: Type.Integer(),
                endOffset: Type.Integer(),
              }),
            ),
            groups: Type.Array(
              Type.Object({
                group: Type.String(),
                partition: Type.Integer(),
                offset: Type.Integer(),
                lag: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const log = engine.log;
      const partitions = Array.from({ length: log.partitions }, (_, partition) => ({
        partition,
        startOffset: log.startOffset(partition),
        endOffset: log.endOffset(partition),
      }));
      return {
        events: partitions.reduce((sum, p) => sum + p.endOffset, 0),
        partitions,
        groups: log.groups().map((g) => ({ ...g, lag: partitions[g.partition]!.endOffset - g.offset })),
      };
    },
  );
}
