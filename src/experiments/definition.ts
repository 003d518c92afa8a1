// What a client sends to create an experiment, checked in two steps: its shape by one TypeBox
// schema (the HTTP body schema, and the CLI's file check), then what the shape cannot say: arm
// names are distinct, forced users name an arm, and every override is a known parameter with a
// value the configuration schema accepts. Nothing is created unless all of it holds.
import { Type, type Static } from '@sinclair/typebox';
import type { Config, FieldError } from '../core/index.js';
import { applyOverrides, escapePointer } from './params.js';
import type { ExperimentDefinition } from './types.js';

const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });

export const ArmInput = Type.Object(
  {
    name: Name,
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, default: 1 })),
    overrides: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.Unknown(), { maxProperties: 100 }),
    ),
  },
  { additionalProperties: false },
);

export const ExperimentInput = Type.Object(
  {
    id: Name,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    layer: Type.Optional(Name),
    /** Percent of the layer's users. */
    traffic: Type.Optional(Type.Number({ minimum: 0.01, maximum: 100 })),
    arms: Type.Array(ArmInput, { minItems: 2, maxItems: 20 }),
    control: Type.Optional(Name),
    forced: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 256 }), Name, { maxProperties: 1000 }),
    ),
  },
  { additionalProperties: false },
);
export type ExperimentInput = Static<typeof ExperimentInput>;

export const DEFAULT_LAYER = 'default';

/**
 * Why an arm's overrides cannot be served on `base`: unknown parameters, values the configuration
 * schema refuses, a pinned ranker version that is not registered. Empty when they can.
 */
export function armProblems(
  overrides: Readonly<Record<string, unknown>>,
  pointerBase: string,
  base: Config,
  rankerVersionExists: (version: number) => boolean,
): FieldError[] {
  const applied = applyOverrides(base, overrides, pointerBase);
  const version = applied.config?.feed.rankerVersion ?? 0;
  if (version > 0 && !rankerVersionExists(version))
    applied.errors.push({
      pointer: `${pointerBase}/feed.rankerVersion`,
      rule: 'registered',
      message: `No ranker version ${version} is registered (GET /v1/admin/models lists them)`,
    });
  return applied.errors;
}

/** The definition with defaults filled in, or every reason it cannot be one. */
export function checkDefinition(
  input: ExperimentInput,
  base: Config,
  /** Whether a ranking model version is registered, for arms that pin one. */
  rankerVersionExists: (version: number) => boolean = () => true,
): { definition: ExperimentDefinition | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  input.arms.forEach((arm, i) => {
    if (names.has(arm.name))
      errors.push({
        pointer: `/arms/${i}/name`,
        rule: 'unique',
        message: `Arm name ${arm.name} is used twice`,
      });
    names.add(arm.name);
    errors.push(...armProblems(arm.overrides ?? {}, `/arms/${i}/overrides`, base, rankerVersionExists));
  });
  const control = input.control ?? input.arms[0]!.name;
  if (!names.has(control))
    errors.push({
      pointer: '/control',
      rule: 'enum',
      message: `Expected one of the arms: ${[...names].join(', ')}`,
    });
  for (const [user, arm] of Object.entries(input.forced ?? {})) {
    if (!names.has(arm))
      errors.push({
        pointer: `/forced/${escapePointer(user)}`,
        rule: 'enum',
        message: `Expected one of the arms: ${[...names].join(', ')}`,
      });
  }
  if (errors.length > 0) return { definition: null, errors };
  return {
    definition: {
      id: input.id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      layer: input.layer ?? DEFAULT_LAYER,
      traffic: input.traffic ?? 100,
      arms: input.arms.map((a) => ({ name: a.name, weight: a.weight ?? 1, overrides: a.overrides ?? {} })),
      control,
      forced: input.forced ?? {},
    },
    errors,
  };
}
