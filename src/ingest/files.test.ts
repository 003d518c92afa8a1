import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Item } from '../core/index.js';
import { fileFormat, readCsv, readJsonl, splitCsv, type FileRecord } from './files.js';

const dir = mkdtempSync(join(tmpdir(), 'foryou-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(gen: AsyncIterable<FileRecord>): Promise<FileRecord[]> {
  const out: FileRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

describe('splitCsv', () => {
  it('handles quotes, escaped quotes and commas inside quotes, and reports an open quote', () => {
    expect(splitCsv('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(splitCsv('a,"open')).toBeNull();
  });
});

describe('readCsv', () => {
  it('converts by the schema, splits list fields, nests dotted names and keeps line numbers', async () => {
    const path = join(dir, 'items.csv');
    writeFileSync(
      path,
      [
        'id,creatorId,caption,hashtags,durationMs,createdAt,props.lang',
        'v1,c1,"Pasta, fast 🍝",food|recipe,15000,2026-01-01T00:00:00Z,en',
        'v2,c1,"two',
        'lines",dance,9000,2026-01-01T00:00:00Z,',
        'v3,c2,short row',
      ].join('\n'),
    );
    const rows = await collect(readCsv(path, Item));
    expect(rows[0]).toEqual({
      line: 2,
      value: {
        id: 'v1',
        creatorId: 'c1',
        caption: 'Pasta, fast 🍝',
        hashtags: ['food', 'recipe'],
        durationMs: 15000,
        createdAt: '2026-01-01T00:00:00Z',
        props: { lang: 'en' },
      },
    });
    expect(rows[1]).toMatchObject({ line: 3, value: { caption: 'two\nlines', hashtags: ['dance'] } });
    expect(rows[2]).toEqual({ line: 5, error: 'expected 7 columns (as the header), found 3' });
  });
});

describe('readJsonl', () => {
  it('reads plain and gzipped files, skipping blank lines and flagging bad JSON by line', async () => {
    const text = '{"id":"a"}\n\n{"id":\n{"id":"c"}\n';
    writeFileSync(join(dir, 'e.jsonl'), text);
    writeFileSync(join(dir, 'e.jsonl.gz'), gzipSync(text));
    for (const name of ['e.jsonl', 'e.jsonl.gz']) {
      const rows = await collect(readJsonl(join(dir, name)));
      expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
      expect(rows[1]!.error).toMatch(/not valid JSON/);
      expect(rows[2]!.value).toEqual({ id: 'c' });
    }
  });

  it('tells the format from the name', () => {
    expect(fileFormat('x.ndjson.gz')).toBe('jsonl');
    expect(fileFormat('x.CSV')).toBe('csv');
    expect(() => fileFormat('x.parquet')).toThrow(/cannot tell the format/);
  });
});
