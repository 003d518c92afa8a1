// The models a server holds and the samples they learn from, for operators, the dashboard and the
// freshness benchmark: which version of each model is serving and which are registered (with their
// offline metrics and what they were trained on), and the labelled samples of one feed request.
import { Type } from '@sinclair/typebox';
import { RANKER_MODEL, type ModelVersionMeta } from '../../models/index.js';
import { EMBEDDING_MODEL } from '../../recall/index.js';
import type { App, RouteDeps } from '../types.js';

const Version = Type.Object({
  version: Type.Integer(),
  model: Type.String(),
  trainedAt: Type.String({ format: 'date-time' }),
  registeredAt: Type.String({ format: 'date-time' }),
  bytes: Type.Integer(),
  metrics: Type.Record(Type.String(), Type.Number()),
  /** What it was trained on; the ranker's says up to which sample (`samplesOffset`). */
  dataSummary: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const ModelState = Type.Object({
  name: Type.String(),
  /** The version this server is serving, null before the first. */
  serving: Type.Union([Type.Integer(), Type.Null()]),
  /** The newest registered versions, newest first. */
  versions: Type.Array(Version),
});

const SampleView = Type.Object({
  offset: Type.Integer(),
  requestId: Type.String(),
  userId: Type.String(),
  itemId: Type.String(),
  position: Type.Integer(),
  source: Type.String(),
  score: Type.Number(),
  servedAt: Type.String({ format: 'date-time' }),
  closedAt: Type.String({ format: 'date-time' }),
  watchRatio: Type.Number(),
  finished: Type.Boolean(),
  liked: Type.Boolean(),
  shared: Type.Boolean(),
  followed: Type.Boolean(),
  quickSkip: Type.Boolean(),
  features: Type.Record(Type.String(), Type.Number()),
});

/** Versions listed per model. */
const VERSIONS_SHOWN = 5;

function versionView(m: ModelVersionMeta) {
  const { version, model, trainedAt, registeredAt, bytes, metrics, dataSummary } = m;
  return { version, model, trainedAt, registeredAt, bytes, metrics, dataSummary };
}

export function modelRoutes(app: App, { engine }: RouteDeps): void {
  app.get(
    '/v1/admin/models',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['ops'],
        summary: 'The ranking and embedding models: the version serving here and the newest registered',
        response: { 200: Type.Object({ models: Type.Array(ModelState) }) },
      },
    },
    async () => {
      const serving: Record<string, number | null> = {
        [RANKER_MODEL]: engine.ranker.current?.version ?? null,
        [EMBEDDING_MODEL]: engine.spaces.collaborative?.version ?? null,
      };
      return {
        models: Object.entries(serving).map(([name, version]) => ({
          name,
          serving: version,
          versions: engine.registry.list(name).reverse().slice(0, VERSIONS_SHOWN).map(versionView),
        })),
      };
    },
  );

  app.get(
    '/v1/admin/samples',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['ops'],
        summary: 'The labelled training samples the joiner wrote for one feed request',
        querystring: Type.Object({ request: Type.String({ minLength: 1, maxLength: 256 }) }),
        response: { 200: Type.Object({ samples: Type.Array(SampleView) }) },
      },
    },
    async (request) => ({
      samples: engine.samples.ofRequest(request.query.request).map((s) => ({
        ...s,
        servedAt: new Date(s.servedAt).toISOString(),
        closedAt: new Date(s.closedAt).toISOString(),
      })),
    }),
  );
}
