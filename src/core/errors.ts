// Every error the API can answer with, in one place: RFC 9457 problem details with a stable code.
import { pointerToPath, type FieldError } from './validate.js';

export const PROBLEM_BASE = 'https://foryou.dev/problems/';

export const PROBLEMS = {
  validation: { status: 400, title: 'Request failed validation' },
  malformed_json: { status: 400, title: 'Body is not valid JSON' },
  unauthorized: { status: 401, title: 'Missing or unknown API key' },
  forbidden: { status: 403, title: 'API key lacks the scope this endpoint needs' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflicts with the current state' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  not_ready: { status: 503, title: 'Service not ready' },
  internal: { status: 500, title: 'Internal error' },
} as const;
export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

/** A field error as the API shows it: the pointer, plus the path people read and where it was. */
export interface ProblemFieldError extends FieldError {
  field: string;
  in?: 'body' | 'query' | 'params' | 'headers';
}

/** An error that knows how to present itself as problem+json. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors: FieldError[];
  /** Where the fields are, when the thrower knows (validation errors of fastify carry their own). */
  readonly location: ProblemFieldError['in'];

  constructor(
    code: ProblemCode,
    detail?: string,
    errors: FieldError[] = [],
    location?: ProblemFieldError['in'],
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.name = 'ProblemError';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.errors = errors;
    this.location = location;
  }
}

/** Shorthand for a 400 naming the fields at fault. */
export function validationProblem(
  errors: FieldError[],
  detail?: string,
  location?: ProblemFieldError['in'],
): ProblemError {
  const first = errors[0];
  const summary = first ? `${pointerToPath(first.pointer) || 'value'}: ${first.message}` : 'Invalid request';
  return new ProblemError('validation', detail ?? summary, errors, location);
}
