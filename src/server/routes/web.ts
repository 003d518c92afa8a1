// The web app and the dashboard (web/dist, built by `npm run build`) at / and /admin/, and the
// on-device re-ranker's model at /v1/client-model. Files are read from disk when asked for, with
// long caching for the content-hashed assets; an unbuilt app answers 404 saying how to build it.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { ProblemError } from '../../core/index.js';
import { CLIENT_MODEL } from '../../rank/index.js';
import type { App, RouteDeps } from '../types.js';

/** web/dist from src/server/routes (tests) and dist/server/routes (the build) alike. */
export const WEB_DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../web/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

async function file(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new ProblemError(
      'not_found',
      `No ${path.slice(WEB_DIST.length) || '/'} in the web app; run npm run build`,
    );
  }
}

export function webRoutes(app: App, _deps: RouteDeps): void {
  const page =
    (html: string) =>
    async (_request: unknown, reply: { type(t: string): unknown; header(k: string, v: string): unknown }) => {
      reply.type(TYPES['.html']!);
      reply.header('cache-control', 'no-cache');
      return file(join(WEB_DIST, html));
    };
  app.get('/', { schema: { hide: true } }, page('index.html'));
  app.get('/admin', { schema: { hide: true } }, page('admin/index.html'));

  app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const path = normalize(join(WEB_DIST, 'assets', request.params['*']));
    if (!path.startsWith(join(WEB_DIST, 'assets'))) throw new ProblemError('not_found', 'No such asset');
    const body = await file(path);
    reply.type(TYPES[extname(path)] ?? 'application/octet-stream');
    // Vite names assets by content hash: a name never changes meaning.
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return body;
  });

  app.get(
    '/v1/client-model',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['feed'],
        summary: 'The on-device re-ranker: weights over session signals (see @foryou/client)',
        response: {
          200: Type.Object({
            version: Type.String(),
            decay: Type.Number(),
            weights: Type.Record(Type.String(), Type.Number()),
          }),
        },
      },
    },
    async () => ({ ...CLIENT_MODEL, weights: { ...CLIENT_MODEL.weights } }),
  );
}
