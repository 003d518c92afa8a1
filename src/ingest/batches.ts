// Request bodies of the batch endpoints. One function, so the batch limit from configuration is the
// one both the HTTP schemas (and OpenAPI) and imports enforce.
import { Type } from '@sinclair/typebox';
import { Creator, Event, Item, User } from '../core/index.js';

export function batchSchemas(maxBatch: number) {
  const list = { minItems: 1, maxItems: maxBatch };
  const closed = { additionalProperties: false };
  return {
    events: Type.Object({ events: Type.Array(Event, list) }, closed),
    items: Type.Object({ items: Type.Array(Item, list) }, closed),
    users: Type.Object({ users: Type.Array(User, list) }, closed),
    creators: Type.Object({ creators: Type.Array(Creator, list) }, closed),
  };
}
