import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchMovieLens } from './fetch.js';
import { fixtureDir } from './testing.js';
import { crc32, extractZip, listZip } from './zip.js';

/** Builds a zip in memory: deflated or stored entries, as a zip tool would write them. */
function makeZip(files: { name: string; content: string | Buffer; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.from(file.content);
    const body = file.store ? data : deflateRawSync(data);
    const name = Buffer.from(file.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(file.store ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(file.store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('zip reader', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('extracts deflated and stored entries into folders', () => {
    const text = '196\t242\t3\t881250949\n'.repeat(200);
    const zip = makeZip([
      { name: 'ml-100k/', content: '', store: true },
      { name: 'ml-100k/u.data', content: text },
      { name: 'ml-100k/README', content: 'hello', store: true },
    ]);
    expect(listZip(zip).map((e) => e.name)).toEqual(['ml-100k/', 'ml-100k/u.data', 'ml-100k/README']);
    const dir = fixtureDir();
    const written = extractZip(zip, dir);
    expect(written).toHaveLength(2);
    expect(readFileSync(join(dir, 'ml-100k', 'u.data'), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'ml-100k', 'README'), 'utf8')).toBe('hello');
  });

  it('rejects corrupt data and paths escaping the target', () => {
    const good = makeZip([{ name: 'a.txt', content: 'abc', store: true }]);
    const corrupt = Buffer.from(good);
    corrupt[30 + 'a.txt'.length] = 'x'.charCodeAt(0);
    expect(() => extractZip(corrupt, fixtureDir())).toThrow(/CRC/);
    expect(() => extractZip(makeZip([{ name: '../evil.txt', content: 'x' }]), fixtureDir())).toThrow(
      /unsafe path/,
    );
    expect(() => listZip(Buffer.from('not a zip at all, certainly not'))).toThrow(/not a zip/);
  });
});

describe('fetchMovieLens', () => {
  it('downloads through the given client and unpacks into the folder', async () => {
    const parent = fixtureDir();
    const urls: string[] = [];
    const result = await fetchMovieLens('movielens-100k', parent, async (url) => {
      urls.push(url);
      return makeZip([{ name: 'ml-100k/u.data', content: '1\t2\t3\t4\n' }]);
    });
    expect(urls).toEqual(['https://files.grouplens.org/datasets/movielens/ml-100k.zip']);
    expect(result.dir).toBe(join(parent, 'ml-100k'));
    expect(existsSync(join(parent, 'ml-100k', 'u.data'))).toBe(true);
    const again = await fetchMovieLens('movielens-100k', parent, () =>
      Promise.reject(new Error('no network')),
    );
    expect(again.files).toEqual([]);
  });
});
