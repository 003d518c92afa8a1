// The domain model as TypeBox schemas: one definition gives the TypeScript types, the runtime
// validators (HTTP and import alike) and the OpenAPI document.
import { FormatRegistry, Type, type Static } from '@sinclair/typebox';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
FormatRegistry.Set('date-time', (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)));
FormatRegistry.Set('uri', (v) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:';
  } catch {
    return false;
  }
});

/** Ids are opaque strings chosen by the app: 1-128 printable characters without spaces. */
export const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s\\x00-\\x1f]+$' });
export const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339 date-time' });
const Locale = Type.String({
  minLength: 2,
  maxLength: 35,
  pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$',
});
const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });
const Tag = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\s#][^\\s]*$' });
/** Free-form extra attributes an app may attach; flat, scalar values only. */
export const Props = Type.Record(
  Type.String({ minLength: 1, maxLength: 64 }),
  Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]),
  { maxProperties: 32 },
);

export const ItemStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('hidden'),
  Type.Literal('removed'),
]);

export const Item = Type.Object(
  {
    id: Id,
    creatorId: Id,
    caption: Type.Optional(Type.String({ maxLength: 2200 })),
    /** Without '#'; stored lowercased and deduplicated, as hashtags match case-insensitively. */
    hashtags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
    topics: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
    soundId: Type.Optional(Id),
    durationMs: Type.Integer({ minimum: 1, maximum: 3_600_000 }),
    createdAt: Timestamp,
    language: Type.Optional(Locale),
    region: Type.Optional(Country),
    mediaUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
    posterUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 2048 })),
    status: Type.Optional(ItemStatus),
    props: Type.Optional(Props),
  },
  { additionalProperties: false, $id: 'Item' },
);
export type Item = Static<typeof Item>;

export const Creator = Type.Object(
  {
    id: Id,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    createdAt: Type.Optional(Timestamp),
    verified: Type.Optional(Type.Boolean()),
    props: Type.Optional(Props),
  },
  { additionalProperties: false, $id: 'Creator' },
);
export type Creator = Static<typeof Creator>;

export const User = Type.Object(
  {
    id: Id,
    createdAt: Type.Optional(Timestamp),
    locale: Type.Optional(Locale),
    country: Type.Optional(Country),
    device: Type.Optional(Type.String({ maxLength: 100 })),
    props: Type.Optional(Props),
  },
  { additionalProperties: false, $id: 'User' },
);
export type User = Static<typeof User>;

export const EVENT_TYPES = [
  'impression',
  'watch',
  'skip',
  'like',
  'unlike',
  'share',
  'comment',
  'follow',
  'unfollow',
  'not_interested',
  'report',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EventContext = Type.Object(
  {
    os: Type.Optional(Type.String({ maxLength: 50 })),
    deviceModel: Type.Optional(Type.String({ maxLength: 100 })),
    appVersion: Type.Optional(Type.String({ maxLength: 50 })),
    network: Type.Optional(Type.String({ maxLength: 20 })),
    locale: Type.Optional(Locale),
    timezone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type EventContext = Static<typeof EventContext>;

export const Event = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 128, description: 'Idempotency key, unique per event' }),
    type: Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))),
    userId: Id,
    itemId: Type.Optional(Id),
    creatorId: Type.Optional(Id),
    timestamp: Timestamp,
    requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    watchMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
    durationMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 3_600_000 })),
    loops: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    text: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
    context: Type.Optional(EventContext),
    props: Type.Optional(Props),
  },
  { additionalProperties: false, $id: 'Event' },
);
export type Event = Static<typeof Event>;
