// Turns every failure into RFC 9457 problem+json: validation errors name the field and the rule,
// fastify's own errors (body too large, bad JSON, wrong content type) get their stable code.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  PROBLEM_BASE,
  PROBLEMS,
  ProblemError,
  pointerToPath,
  type ProblemCode,
  type ProblemDetails,
  type ProblemFieldError,
} from '../core/index.js';

export const PROBLEM_JSON = 'application/problem+json';

type Location = NonNullable<ProblemFieldError['in']>;

function fromFastify(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  const status = error.statusCode ?? 500;
  const byStatus: Partial<Record<number, ProblemCode>> = {
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
  };
  const code = byStatus[status];
  if (code) return new ProblemError(code, error.message);
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new ProblemError('validation', 'Body must not be empty', [
      { pointer: '', rule: 'required', message: 'Expected a JSON body' },
    ]);
  }
  if (status === 400 && (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)) {
    return new ProblemError('malformed_json', error.message);
  }
  if (status >= 400 && status < 500) return new ProblemError('validation', error.message);
  return new ProblemError('internal', 'Internal error');
}

function problemBody(problem: ProblemError, instance: string, location?: Location): ProblemDetails {
  const body: ProblemDetails = {
    type: PROBLEM_BASE + problem.code,
    title: PROBLEMS[problem.code].title,
    status: problem.status,
    code: problem.code,
    detail: problem.message,
    instance,
  };
  if (problem.errors.length > 0) {
    body.errors = problem.errors.map((e) => ({
      ...e,
      field: pointerToPath(e.pointer),
      ...(location ? { in: location } : {}),
    }));
  }
  return body;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: ProblemError,
  location?: Location,
) {
  return reply
    .code(problem.status)
    .type(PROBLEM_JSON)
    .send(problemBody(problem, request.url, location));
}

export function registerProblemHandlers(app: FastifyInstance, onServerError: (error: unknown) => void): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    const problem = fromFastify(error);
    if (problem.status >= 500) onServerError(error);
    const context = error.validationContext;
    const location: Location | undefined =
      context === 'body' || context === 'params' || context === 'headers'
        ? context
        : context === 'querystring'
          ? 'query'
          : problem.location;
    return sendProblem(reply, request, problem, location);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new ProblemError('not_found', `No route ${request.method} ${request.url}`)),
  );
}
