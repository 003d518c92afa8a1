// Small in-memory datasets for tests across this folder.
import { IdIndexer, InteractionColumns, buildInteractions, type Interactions } from './interactions.js';

/** Builds interactions from [user, item, rating?, time?] tuples with raw ids as given. */
export function fromTuples(rows: [string | number, string | number, number?, number?][]): Interactions {
  const users = new IdIndexer();
  const items = new IdIndexer();
  const columns = new InteractionColumns();
  for (const [u, i, rating, time] of rows)
    columns.push(users.indexOf(String(u)), items.indexOf(String(i)), rating ?? 1, time ?? 0);
  return buildInteractions({
    format: 'delimited',
    source: 'test',
    users,
    items,
    columns,
    hasTimestamp: true,
  });
}

/** The (rawUser, rawItem) pairs of a dataset, as "u:i" strings, sorted. */
export function pairs(data: Interactions): string[] {
  const out: string[] = [];
  for (let r = 0; r < data.length; r++)
    out.push(`${data.userIds[data.user[r]!]}:${data.itemIds[data.item[r]!]}`);
  return out.sort();
}
