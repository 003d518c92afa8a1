// Items and creators: batch upsert and lookup.
import { Creator, Item, ProblemError } from '../../core/index.js';
import { batchSchemas } from '../../ingest/index.js';
import { IdParams, Problem, UpsertResponse, errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

export function catalogRoutes(app: App, { engine, metrics }: RouteDeps): void {
  const batches = batchSchemas(engine.config.ingest.maxBatch);

  app.post(
    '/v1/items',
    {
      config: { scope: 'ingest' },
      schema: {
        tags: ['catalog'],
        summary: 'Insert or replace up to maxBatch items (all-or-nothing)',
        body: batches.items,
        response: { 200: UpsertResponse, ...errorResponses },
      },
    },
    async (request) => {
      const result = engine.ingestor.upsertItems(request.body.items);
      metrics.recordsUpserted.inc({ kind: 'items' }, request.body.items.length);
      return result;
    },
  );

  app.get(
    '/v1/items/:id',
    {
      config: { scope: 'read' },
      schema: { tags: ['catalog'], params: IdParams, response: { 200: Item, 404: Problem } },
    },
    async (request) => {
      const entry = engine.catalog.get(request.params.id);
      if (!entry) throw new ProblemError('not_found', `No item ${request.params.id}`);
      return entry.item;
    },
  );

  app.post(
    '/v1/creators',
    {
      config: { scope: 'ingest' },
      schema: {
        tags: ['catalog'],
        summary: 'Insert or replace up to maxBatch creators',
        body: batches.creators,
        response: { 200: UpsertResponse, ...errorResponses },
      },
    },
    async (request) => {
      const result = engine.ingestor.upsertCreators(request.body.creators);
      metrics.recordsUpserted.inc({ kind: 'creators' }, request.body.creators.length);
      return result;
    },
  );

  app.get(
    '/v1/creators/:id',
    {
      config: { scope: 'read' },
      schema: { tags: ['catalog'], params: IdParams, response: { 200: Creator, 404: Problem } },
    },
    async (request) => {
      const creator = engine.catalog.getCreator(request.params.id);
      if (!creator) throw new ProblemError('not_found', `No creator ${request.params.id}`);
      return creator;
    },
  );
}
