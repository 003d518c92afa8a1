// API keys with scopes. No keys configured: the API is open. Otherwise every route that declares
// a scope needs `Authorization: Bearer <key>` (or `X-API-Key`) with that scope; admin has all.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ProblemError, type Config, type Scope } from '../core/index.js';
import { sendProblem } from './problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a caller needs; routes without one (health, metrics, docs) are open. */
    scope?: Scope;
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest();

function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}

export function registerAuth(app: FastifyInstance, auth: Config['auth']): void {
  if (auth.keys.length === 0) return;
  const keys = auth.keys.map((k) => ({ digest: digest(k.key), scopes: new Set<Scope>(k.scopes) }));
  app.addHook('onRequest', async (request, reply) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const key = presentedKey(request.headers);
    if (!key) return sendProblem(reply, request, new ProblemError('unauthorized', 'An API key is required'));
    const d = digest(key);
    const match = keys.find((k) => timingSafeEqual(k.digest, d));
    if (!match) return sendProblem(reply, request, new ProblemError('unauthorized', 'Unknown API key'));
    if (!match.scopes.has(scope) && !match.scopes.has('admin')) {
      return sendProblem(
        reply,
        request,
        new ProblemError('forbidden', `This endpoint needs the '${scope}' scope`),
      );
    }
  });
}
