// Builds the HTTP server over an engine: validation, auth, problem+json, metrics, OpenAPI, routes.
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Engine } from '../engine/index.js';
import { registerAuth } from './auth.js';
import { IdleCollector } from './idle-collection.js';
import { ServerMetrics } from './metrics.js';
import { registerProblemHandlers } from './problems.js';
import { eventRoutes } from './routes/events.js';
import { feedRoutes } from './routes/feed.js';
import { experimentRoutes } from './routes/experiments.js';
import { modelRoutes } from './routes/models.js';
import { opsRoutes } from './routes/ops.js';
import { recordRoutes } from './routes/records.js';
import { userEventRoutes } from './routes/users.js';
import { adminInspectRoutes } from './routes/admin-inspect.js';
import { adminLiveRoutes } from './routes/admin-live.js';
import { webRoutes } from './routes/web.js';
import type { App, RouteDeps } from './types.js';
import { validatorCompiler } from './validation.js';
import { VERSION } from '../core/index.js';

export interface BuildServerOptions {
  metrics?: ServerMetrics;
}

export interface Server {
  app: App;
  metrics: ServerMetrics;
  setReady(ready: boolean): void;
}

export async function buildServer(engine: Engine, options: BuildServerOptions = {}): Promise<Server> {
  const { config } = engine;
  const metrics = options.metrics ?? new ServerMetrics();
  metrics.watchEngine(engine);
  let ready = false;

  const app = Fastify({
    logger: config.server.logLevel === 'silent' ? false : { level: config.server.logLevel },
    bodyLimit: config.server.bodyLimitBytes,
    // Ids are opaque, so ":" and "/"-free but otherwise anything; keep routing strict and fast.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // JSON only: a text body is refused as 415 rather than failing validation as a string.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'foryou',
        version: VERSION,
        description: 'A "For You" feed engine for short-video apps. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key; scopes: ingest, read, admin' },
        },
      },
      security: config.auth.keys.length > 0 ? [{ apiKey: [] }] : [],
    },
  });

  registerProblemHandlers(app, (error) => app.log.error(error));
  registerAuth(app, config.auth);
  metrics.instrument(app);
  if (config.server.idleCollection) {
    const collector = new IdleCollector();
    collector.instrument(app);
    metrics.watchIdleCollections(collector.stats);
  }

  const deps: RouteDeps = { engine, metrics, isReady: () => ready };
  recordRoutes(app, deps);
  userEventRoutes(app, deps);
  eventRoutes(app, deps);
  feedRoutes(app, deps);
  opsRoutes(app, deps);
  modelRoutes(app, deps);
  experimentRoutes(app, deps);
  adminLiveRoutes(app, deps);
  adminInspectRoutes(app, deps);
  webRoutes(app, deps);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  return { app, metrics, setReady: (r) => (ready = r) };
}
