// foryou events as JSON Lines: one Event (src/core/schemas.ts) per line, validated. Events with an
// item become interactions; the rating-like weight is the watch ratio for watch events that carry
// watchMs and durationMs, else 1. Only positive engagement counts by default.
import { Event, compileValidator, type EventType } from '../../core/index.js';
import { DatasetError } from '../errors.js';
import { IdIndexer, InteractionColumns, buildInteractions, type Interactions } from '../interactions.js';
import { forEachLine, readText } from '../text.js';

export const POSITIVE_EVENT_TYPES: readonly EventType[] = ['watch', 'like', 'share', 'comment', 'follow'];

export interface JsonlOptions {
  /** Event types that become interactions. */
  types?: readonly EventType[];
}

let validator: ReturnType<typeof compileValidator<typeof Event>> | undefined;

export function loadEventsJsonl(file: string, options: JsonlOptions = {}): Interactions {
  validator ??= compileValidator(Event);
  const types = new Set<string>(options.types ?? POSITIVE_EVENT_TYPES);
  const users = new IdIndexer();
  const items = new IdIndexer();
  const columns = new InteractionColumns();
  forEachLine(readText(file), (line, lineNo) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DatasetError(file, `not valid JSON (${(error as Error).message})`, lineNo);
    }
    if (!validator?.check(value)) {
      const first = validator?.errors(value, 1)[0];
      const where = first?.pointer ? `${first.pointer}: ` : '';
      throw new DatasetError(file, `not a valid event (${where}${first?.message ?? 'invalid'})`, lineNo);
    }
    const event = value;
    if (!event.itemId || !types.has(event.type)) return;
    const ratio =
      event.type === 'watch' && event.watchMs !== undefined && event.durationMs
        ? event.watchMs / event.durationMs
        : 1;
    const label: Record<string, number> = { [event.type]: 1 };
    columns.push(
      users.indexOf(event.userId),
      items.indexOf(event.itemId),
      ratio,
      Date.parse(event.timestamp),
      label,
    );
  });
  if (columns.length === 0)
    throw new DatasetError(file, `no events of types ${[...types].join(', ')} with an itemId`);
  return buildInteractions({ format: 'jsonl', source: file, users, items, columns, hasTimestamp: true });
}
