// Test data for the warehouse's tests: a varied stream of events over several days, users (so
// several partitions) and event types, and labelled samples written as the joiner writes them.
import type { Event } from '../core/index.js';
import type { Db } from '../store/index.js';

const DAY = 86_400_000;
export const T0 = Date.parse('2026-03-01T00:00:00Z');

const TYPES: Event['type'][] = ['impression', 'watch', 'like', 'skip', 'share', 'watch', 'follow'];

/** `n` events numbered from `from`, spread over `days` days from `startDay` (0 = 2026-03-01). */
export function makeEvents(from: number, n: number, startDay = 0, days = 2): Event[] {
  const out: Event[] = [];
  for (let k = from; k < from + n; k++) {
    const type = TYPES[k % TYPES.length]!;
    const at = T0 + (startDay + (k % days)) * DAY + (k % 97) * 60_000;
    const e: Event = {
      id: `e${k}`,
      type,
      userId: `u${k % 11}`,
      timestamp: new Date(at).toISOString(),
    };
    if (type !== 'follow') e.itemId = `v${(k * 7) % 13}`;
    if (type === 'follow') e.creatorId = `c${k % 3}`;
    if (type === 'watch' || type === 'skip') {
      e.watchMs = 1_000 + ((k * 1_337) % 20_000);
      // Some carry the duration; the rest rely on the catalog's.
      if (k % 3 === 0) e.durationMs = 10_000 + (k % 5) * 1_000;
      if (k % 4 === 0) e.loops = k % 3;
    }
    if (k % 5 === 0) {
      e.requestId = `r${k}`;
      e.position = k % 10;
      e.context = { os: 'ios', locale: 'en-US' };
    }
    if (k % 9 === 0) e.props = { note: `p${k}`, n: k };
    out.push(e);
  }
  return out;
}

/** Appends `n` samples with offsets continuing the table's, served on `day` (0 = 2026-03-01). */
export function insertSamples(db: Db, from: number, n: number, day: number): void {
  const insert = db.prepare(
    `INSERT INTO samples (request_id, user_id, item_id, served_at, closed_at, position, source, score,
       features, watch_ratio, finished, liked, shared, followed, quick_skip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let k = from; k < from + n; k++) {
      const servedAt = T0 + day * DAY + k * 1_000;
      insert.run(
        `r${k}`,
        `u${k % 5}`,
        `v${k % 7}`,
        servedAt,
        servedAt + 600_000,
        k % 10,
        'trending',
        k / 100,
        JSON.stringify({ trending: k / 10, freshness: 0.5 }),
        (k % 4) / 2,
        k % 2,
        k % 3 === 0 ? 1 : 0,
        0,
        0,
        k % 5 === 0 ? 1 : 0,
      );
    }
  })();
}
