import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kuairandSample, fixtureDir } from '../testing.js';
import { loadDataset } from './detect.js';

describe('KuaiRand-style logs', () => {
  it('loads the schema fixture with watch ratios and labels', () => {
    const data = loadDataset(kuairandSample());
    expect(data.format).toBe('kuairand');
    expect([data.length, data.nUsers, data.nItems]).toEqual([200, 145, 29]);
    expect(data.rating[0]).toBeCloseTo(863 / 30066, 6);
    expect(data.labels.is_click).toHaveLength(200);
    expect(data.timestamp).toBeNull();
  });

  it('reads time_ms, or date + hourmin as UTC+8, and keeps every label column', () => {
    const header = 'user_id,video_id,date,hourmin,time_ms,is_click,is_like,play_time_ms,duration_ms';
    const dir = fixtureDir({
      'a.csv': `${header}\n1,9,20220408,1000,1649383200000,1,0,5000,10000\n2,9,20220408,1000,1649383200000,0,1,0,0\n`,
      'b.csv':
        'user_id,video_id,date,hourmin,is_like,play_time_ms,duration_ms\n1,9,20220408,1000,1,30000,10000\n',
    });
    const a = loadDataset(join(dir, 'a.csv'));
    expect([...a.rating]).toEqual([0.5, 0]);
    expect([...a.labels.is_click!]).toEqual([1, 0]);
    expect([...a.labels.is_like!]).toEqual([0, 1]);
    expect(a.timestamp?.[0]).toBe(1649383200000);
    const b = loadDataset(join(dir, 'b.csv'));
    expect(b.timestamp?.[0]).toBe(Date.UTC(2022, 3, 8, 2, 0));
    expect(b.rating[0]).toBe(3);
  });

  it('names the header that lacks a required column and the row that is short', () => {
    const dir = fixtureDir({
      'no-play.csv': 'user_id,video_id,duration_ms\n1,2,3\n',
      'short.csv': 'user_id,video_id,play_time_ms,duration_ms\n1,2,3,4\n1,2,3\n',
    });
    expect(() => loadDataset(join(dir, 'no-play.csv'))).toThrow(
      /no-play\.csv:1: header lacks the required column play_time_ms/,
    );
    expect(() => loadDataset(join(dir, 'short.csv'))).toThrow(/short\.csv:3: expected 4 fields/);
  });
});
