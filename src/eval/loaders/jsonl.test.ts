import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDir } from '../testing.js';
import { loadDataset } from './detect.js';

const event = (o: Record<string, unknown>) =>
  JSON.stringify({ id: `e${Math.random()}`, userId: 'u1', timestamp: '2026-01-01T00:00:00Z', ...o });

describe('foryou events as JSON Lines', () => {
  it('turns positive item events into interactions with watch ratios', () => {
    const lines = [
      event({ type: 'watch', itemId: 'v1', watchMs: 3000, durationMs: 12000 }),
      event({ type: 'impression', itemId: 'v2' }),
      event({ type: 'like', itemId: 'v2', userId: 'u2' }),
      event({ type: 'follow', creatorId: 'c1' }),
    ];
    const dir = fixtureDir({ 'events.jsonl': `${lines.join('\n')}\n` });
    const data = loadDataset(join(dir, 'events.jsonl'));
    expect(data.format).toBe('jsonl');
    expect(data.length).toBe(2);
    expect([...data.rating]).toEqual([0.25, 1]);
    expect(data.itemIds).toEqual(['v1', 'v2']);
    expect([...data.labels.like!]).toEqual([0, 1]);
    expect(data.timestamp?.[0]).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('names the line that is not JSON and the line that is not an event', () => {
    const dir = fixtureDir({
      'bad.jsonl': `${event({ type: 'like', itemId: 'v' })}\n{oops\n`,
      'invalid.jsonl': `${event({ type: 'like', itemId: 'v' })}\n\n${event({ type: 'teleport', itemId: 'v' })}\n`,
    });
    expect(() => loadDataset(join(dir, 'bad.jsonl'))).toThrow(/bad\.jsonl:2: not valid JSON/);
    expect(() => loadDataset(join(dir, 'invalid.jsonl'))).toThrow(
      /invalid\.jsonl:3: not a valid event \(\/type/,
    );
  });
});
