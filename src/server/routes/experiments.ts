// The experiment platform over HTTP (admin scope): the parameter registry, creating, starting and
// stopping experiments, and their results with confidence intervals. `foryou experiment` does the
// same on a data directory.
import { Type } from '@sinclair/typebox';
import type { FieldError } from '../../core/index.js';
import { ExperimentInput, parameters, type Experiment } from '../../experiments/index.js';
import { errorResponses } from '../schemas.js';
import type { App, RouteDeps } from '../types.js';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * An experiment as the API shows it: times as RFC 3339, traffic as the buckets it holds, and why
 * this server cannot serve it (`servingProblems`, empty when it can).
 */
export function experimentView(e: Experiment, servingProblems: readonly FieldError[]) {
  return {
    ...e,
    createdAt: iso(e.createdAt),
    startedAt: iso(e.startedAt),
    stoppedAt: iso(e.stoppedAt),
    servingProblems: servingProblems.map(({ pointer, message }) => ({ pointer, message })),
  };
}

const problems = { ...errorResponses, 404: errorResponses[400], 409: errorResponses[400] };
/** Documented in docs/EXPERIMENTS.md; serialised as they are. */
const ok = (description: string) => ({ 200: Type.Unknown({ description }), ...problems });
const created = (description: string) => ({ 201: Type.Unknown({ description }), ...problems });

export function experimentRoutes(app: App, { engine }: RouteDeps): void {
  const service = engine.experiments;
  const admin = { config: { scope: 'admin' as const } };
  const view = (e: Experiment) => experimentView(e, service.servingProblems(e.id));

  app.get(
    '/v1/admin/parameters',
    {
      ...admin,
      schema: { tags: ['experiments'], summary: 'Every pipeline parameter an experiment arm may override' },
    },
    async () => ({ parameters: [...parameters().values()] }),
  );

  app.get(
    '/v1/admin/experiments',
    { ...admin, schema: { tags: ['experiments'], summary: 'All experiments, oldest first' } },
    async () => ({ experiments: service.list().map(view) }),
  );

  app.post(
    '/v1/admin/experiments',
    {
      ...admin,
      schema: {
        tags: ['experiments'],
        summary: 'Create an experiment (a draft: start it to assign users)',
        body: ExperimentInput,
        response: created('The new experiment'),
      },
    },
    async (request, reply) => {
      const e = service.create(request.body, engine.clock.now());
      return reply.code(201).send({ experiment: view(e) });
    },
  );

  app.get(
    '/v1/admin/experiments/:id',
    {
      ...admin,
      schema: {
        tags: ['experiments'],
        summary: 'One experiment',
        params: Id,
        response: ok('The experiment'),
      },
    },
    async (request) => ({ experiment: view(service.get(request.params.id)) }),
  );

  for (const action of ['start', 'stop'] as const) {
    app.post(
      `/v1/admin/experiments/:id/${action}`,
      {
        ...admin,
        schema: {
          tags: ['experiments'],
          summary: action === 'start' ? 'Start a draft experiment' : 'Stop a running experiment',
          params: Id,
          response: ok('The experiment'),
        },
      },
      async (request) => ({
        experiment: view(service[action](request.params.id, engine.clock.now())),
      }),
    );
  }

  app.get(
    '/v1/admin/experiments/:id/results',
    {
      ...admin,
      schema: {
        tags: ['experiments'],
        summary: 'Per-arm metrics, comparisons with control (Welch, delta method, CUPED), SRM and guardrails',
        params: Id,
        querystring: Type.Object({
          mdeRelative: Type.Optional(
            Type.Number({
              exclusiveMinimum: 0,
              description:
                "The effect, relative to control's mean, to recommend a sample size for (default: experiments.mdeRelative)",
            }),
          ),
        }),
        response: ok('The results'),
      },
    },
    async (request) =>
      service.results(request.params.id, engine.clock.now(), { mdeRelative: request.query.mdeRelative }),
  );
}
