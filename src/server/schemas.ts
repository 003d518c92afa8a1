// HTTP-only shapes: responses and errors, for validation of what we send and for OpenAPI.
import { Type } from '@sinclair/typebox';
import { Id, Item } from '../core/index.js';

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
});

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
    }),
  ),
});

export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  413: Problem,
};
