// HTTP-only shapes: responses and errors, for validation of what we send and for OpenAPI.
import { Type } from '@sinclair/typebox';
import { EventContext, Id, Item } from '../core/index.js';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON pointer of the field' }),
          field: Type.String({ description: 'The same, as a path: events[3].watchMs' }),
          rule: Type.String(),
          message: Type.String(),
          in: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const UpsertResponse = Type.Object({ created: Type.Integer(), updated: Type.Integer() });

export const IngestResponse = Type.Object({
  accepted: Type.Integer({ description: 'Events newly written to the log' }),
  duplicates: Type.Integer({ description: 'Events whose id was already logged; counted once' }),
  usersCreated: Type.Integer(),
});

export const IdParams = Type.Object({ id: Id });

/** The user, the page size, and the device asking (the fields of an event's `context`). */
export const FeedQuerystring = Type.Object({
  user: Id,
  n: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  extra: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 50,
      description: 'Candidates beyond n, with compact features, for on-device re-ranking',
    }),
  ),
  explain: Type.Optional(Type.Boolean({ description: 'Say why each item is there (`explanation`)' })),
  ...EventContext.properties,
});

const Explanation = Type.Object(
  {
    sources: Type.Array(Type.String(), {
      description: 'Every source that proposed it, the naming one first',
    }),
    sourceRank: Type.Integer({ description: 'Its rank in the first source' }),
    contributions: Type.Array(Type.Object({ name: Type.String(), value: Type.Number() }), {
      description:
        'The largest signed parts of its score: `blend:*` (trending, freshness, recall), `model:<input>` (the learned model, by input), `fatigue`, `not_interested:*`',
    }),
    reasons: Type.Array(Type.String(), {
      description:
        'Re-rank decisions: `explore`, `pool:L<n>`, `topic_spread`, `spacing`, `fatigue`, `not_interested:*`',
    }),
  },
  { description: 'Why the item is there (with `explain=true`)' },
);

export const FeedResponse = Type.Object({
  requestId: Type.String(),
  userId: Type.String(),
  items: Type.Array(
    Type.Object({
      itemId: Type.String(),
      position: Type.Integer(),
      source: Type.String({ description: 'The candidate source that found the item' }),
      score: Type.Number(),
      item: Item,
      features: Type.Optional(
        Type.Record(Type.String(), Type.Number(), {
          description: 'With extra: the model head scores (model_*) for the on-device re-ranker',
        }),
      ),
      explanation: Type.Optional(Explanation),
    }),
  ),
  experiments: Type.Optional(
    Type.Array(Type.Object({ experiment: Type.String(), arm: Type.String() }), {
      description: 'The experiment arms that configured this page',
    }),
  ),
});

export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  413: Problem,
};
