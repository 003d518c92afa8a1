// Rules a schema cannot say: which fields each event type needs, and clocks that are off.
import type { Event, EventType, FieldError } from '../core/index.js';

const NEEDS_ITEM: ReadonlySet<EventType> = new Set([
  'impression',
  'watch',
  'skip',
  'like',
  'unlike',
  'share',
  'comment',
  'report',
]);
const NEEDS_CREATOR: ReadonlySet<EventType> = new Set(['follow', 'unfollow']);

/** Field errors for one event that passed the schema; `at` is its JSON pointer, e.g. `/events/3`. */
export function eventRuleErrors(
  event: Event,
  at: string,
  now: number,
  maxFutureSkewMs: number,
): FieldError[] {
  const errors: FieldError[] = [];
  if (NEEDS_ITEM.has(event.type) && event.itemId === undefined) {
    errors.push({ pointer: `${at}/itemId`, rule: 'required', message: `A ${event.type} event needs itemId` });
  }
  if (NEEDS_CREATOR.has(event.type) && event.creatorId === undefined) {
    errors.push({
      pointer: `${at}/creatorId`,
      rule: 'required',
      message: `A ${event.type} event needs creatorId`,
    });
  }
  if (event.type === 'not_interested' && event.itemId === undefined && event.creatorId === undefined) {
    errors.push({
      pointer: `${at}/itemId`,
      rule: 'required',
      message: 'A not_interested event needs itemId or creatorId',
    });
  }
  if (event.type === 'watch' && event.watchMs === undefined) {
    errors.push({ pointer: `${at}/watchMs`, rule: 'required', message: 'A watch event needs watchMs' });
  }
  if (Date.parse(event.timestamp) > now + maxFutureSkewMs) {
    errors.push({
      pointer: `${at}/timestamp`,
      rule: 'maximum',
      message: `Timestamp is more than ${Math.round(maxFutureSkewMs / 60_000)} minutes in the future`,
    });
  }
  return errors;
}
