// Fastify validates with the same compiled TypeBox validators as imports (src/core/validate), so
// HTTP and CLI agree on every rule and message. Query strings and params are coerced first.
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { compileValidator, ProblemError, validationProblem } from '../core/index.js';

export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = compileValidator(schema);
  return (input: unknown) => {
    const value = httpPart === 'body' ? input : Value.Convert(schema, Value.Default(schema, input));
    if (validator.check(value)) return { value };
    const errors = validator.errors(value);
    // Too many records in a batch is a payload-size problem, not a malformed field.
    const tooMany = errors.find((e) => e.rule === 'maxItems' && /^\/[^/]+$/.test(e.pointer));
    if (httpPart === 'body' && tooMany) {
      return {
        error: new ProblemError('payload_too_large', `${tooMany.pointer.slice(1)}: ${tooMany.message}`),
      };
    }
    return { error: validationProblem(errors) };
  };
};
