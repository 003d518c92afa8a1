// Event ingestion: a batch is validated whole and appended to the log in one transaction (on the
// event writer's thread), so it is all-or-nothing; a repeated event id is accepted and counted once.
import { ProblemError } from '../../core/index.js';
import { batchSchemas } from '../../ingest/index.js';
import { IngestResponse, errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

export function eventRoutes(app: App, { engine, metrics }: RouteDeps): void {
  const batches = batchSchemas(engine.config.ingest.maxBatch);

  app.post(
    '/v1/events',
    {
      config: { scope: 'ingest' },
      schema: {
        tags: ['events'],
        summary: 'Append up to maxBatch user events to the event log',
        body: batches.events,
        response: { 200: IngestResponse, ...errorResponses },
      },
      // Counted here, whatever layer refused the batch (schema or rules).
      onError: async (request, _reply, error) => {
        if (error instanceof ProblemError && error.status < 500) {
          const body = request.body as { events?: unknown } | undefined;
          metrics.eventsRejected.inc(Array.isArray(body?.events) ? body.events.length : 1);
        }
      },
    },
    async (request) => {
      const events = request.body.events;
      const result = await engine.ingestor.submitEvents(events);
      metrics.eventsAccepted.inc(result.accepted);
      metrics.eventsDuplicate.inc(result.duplicates);
      return {
        accepted: result.accepted,
        duplicates: result.duplicates,
        usersCreated: result.usersCreated,
      };
    },
  );
}
