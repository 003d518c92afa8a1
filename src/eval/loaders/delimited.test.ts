import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { fixtureDir } from '../testing.js';
import { detectFormat, loadDataset } from './detect.js';
import { detectSeparator } from './delimited.js';

describe('plain user item rating [timestamp] files', () => {
  it('detects tab, comma and :: separators', () => {
    expect(detectSeparator('1\t2\t3')).toBe('\t');
    expect(detectSeparator('1,2,3')).toBe(',');
    expect(detectSeparator('1::2::3::4')).toBe('::');
  });

  it('reads a comma file with a header, string ids and unix-second timestamps', () => {
    const dir = fixtureDir({
      'r.csv': 'user,item,rating,ts\nalice,v1,4.5,1700000000\nbob,v1,2,1700000001\n',
    });
    const data = loadDataset(join(dir, 'r.csv'));
    expect(data.format).toBe('delimited');
    expect(data.userIds).toEqual(['alice', 'bob']);
    expect([...data.rating]).toEqual([4.5, 2]);
    expect([...data.timestamp!]).toEqual([1700000000000, 1700000001000]);
  });

  it('reads a gzipped :: file without timestamps', () => {
    const dir = fixtureDir({ 'r.dat.gz': gzipSync('1::7::3\n2::8::5\n2::7::1\n') });
    const data = loadDataset(join(dir, 'r.dat.gz'));
    expect([data.nUsers, data.nItems, data.length]).toEqual([2, 2, 3]);
    expect(data.timestamp).toBeNull();
    expect(data.itemIds[data.item[2]!]).toBe('7');
  });

  it('names the line with invalid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('1\t2\t3\n2\t2\t4\n'),
      Buffer.from([0x33, 0x09, 0xff, 0xfe, 0x09, 0x31, 0x0a]),
    ]);
    const dir = fixtureDir({ 'r.tsv': bytes });
    const file = join(dir, 'r.tsv');
    expect(() => loadDataset(file)).toThrow(DatasetError);
    expect(() => loadDataset(file)).toThrow(`${file}:3: invalid UTF-8`);
  });

  it('names the line whose column count differs from the first', () => {
    const dir = fixtureDir({ 'r.tsv': '1\t2\t3\n1\t3\t4\t5\n' });
    expect(() => loadDataset(join(dir, 'r.tsv'))).toThrow(`${join(dir, 'r.tsv')}:2: expected 3 fields`);
  });

  it('names the line with a non-numeric rating', () => {
    const dir = fixtureDir({ 'r.tsv': '1\t2\t3\n1\t3\tgood\n' });
    expect(() => loadDataset(join(dir, 'r.tsv'))).toThrow(/r\.tsv:2: rating must be a number, got "good"/);
  });

  it('reports a missing file by name', () => {
    const dir = fixtureDir();
    expect(() => loadDataset(join(dir, 'gone.tsv'))).toThrow(
      `${join(dir, 'gone.tsv')}: file or directory not found`,
    );
    expect(() => detectFormat(join(dir, 'gone.tsv'))).toThrow(DatasetError);
  });
});
