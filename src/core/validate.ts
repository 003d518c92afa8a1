// One validator for every way data enters: HTTP bodies and query strings, imports, CLI input.
// Errors name the field as a JSON pointer and the rule it broke, for RFC 9457 problem details.
import type { TSchema, Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/value';

export interface FieldError {
  /** JSON pointer of the offending value, e.g. `/events/3/watchMs`; `''` for the whole value. */
  pointer: string;
  /** The rule that failed, e.g. `required`, `maxLength`, `format`. */
  rule: string;
  message: string;
}

export interface Validator<T> {
  check(value: unknown): value is T;
  errors(value: unknown, limit?: number): FieldError[];
}

const RULES: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.ObjectRequiredProperty]: 'required',
  [ValueErrorType.ObjectAdditionalProperties]: 'additionalProperties',
  [ValueErrorType.StringMinLength]: 'minLength',
  [ValueErrorType.StringMaxLength]: 'maxLength',
  [ValueErrorType.StringPattern]: 'pattern',
  [ValueErrorType.StringFormat]: 'format',
  [ValueErrorType.ArrayMaxItems]: 'maxItems',
  [ValueErrorType.ArrayMinItems]: 'minItems',
  [ValueErrorType.NumberMinimum]: 'minimum',
  [ValueErrorType.NumberMaximum]: 'maximum',
  [ValueErrorType.IntegerMinimum]: 'minimum',
  [ValueErrorType.IntegerMaximum]: 'maximum',
  [ValueErrorType.Integer]: 'type',
  [ValueErrorType.Number]: 'type',
  [ValueErrorType.String]: 'type',
  [ValueErrorType.Boolean]: 'type',
  [ValueErrorType.Object]: 'type',
  [ValueErrorType.Array]: 'type',
  [ValueErrorType.Union]: 'enum',
  [ValueErrorType.Literal]: 'enum',
  [ValueErrorType.ObjectMaxProperties]: 'maxProperties',
};

function describe(error: ValueError): FieldError {
  const rule = RULES[error.type] ?? 'invalid';
  let message = error.message;
  const options = (error.schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (rule === 'enum' && options?.every((o) => o.const !== undefined)) {
    message = `Expected one of: ${options.map((o) => String(o.const)).join(', ')}`;
  } else if (rule === 'format') {
    const format = (error.schema as { format?: string }).format;
    message = format === 'date-time' ? 'Expected an RFC 3339 date-time' : `Expected a valid ${format}`;
  } else if (rule === 'additionalProperties') {
    message = 'Unknown property';
  } else if (rule === 'pattern') {
    message = `Expected text matching ${(error.schema as { pattern?: string }).pattern}`;
  }
  let pointer = error.path;
  if (rule === 'additionalProperties' && typeof error.value === 'object' && error.value !== null) {
    // TypeBox points at the object; name the first unknown key so the client knows what to fix.
    const known = Object.keys((error.schema as { properties?: object }).properties ?? {});
    const extra = Object.keys(error.value).find((k) => !known.includes(k));
    if (extra !== undefined) pointer = `${error.path}/${extra}`;
  }
  return { pointer, rule, message };
}

export function compileValidator<S extends TSchema>(schema: S): Validator<Static<S>> {
  const compiled: TypeCheck<S> = TypeCompiler.Compile(schema);
  return {
    check: (value): value is Static<S> => compiled.Check(value),
    errors(value, limit = 20) {
      const out: FieldError[] = [];
      const seen = new Set<string>();
      for (const error of compiled.Errors(value)) {
        const described = describe(error);
        const key = `${described.pointer} ${described.rule}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(described);
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

/** `/events/3/watchMs` -> `events[3].watchMs`, the spelling people read in error messages. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}
