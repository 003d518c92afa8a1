// The on-disk layout of a user profile (core/profile.ts): a compact binary record instead of a JSON
// document. It is rewritten whole for every touched user in every batch, so its size is what the
// profile processor's writes cost; numbers stay float64, so a profile read back is exactly the one
// written. Layout, little-endian:
//   u8 format (1) | f64 updatedAt
//   u16 n, then n recent engagements: str itemId | varint (updatedAt - ts) | f64 weight | u8 completed
//   u32 n, then n followed creator ids: str
//   u16 n, then n topic affinities: str | f64;   u16 n, then n creator affinities: str | f64
// where str is u16 byte length + UTF-8 and varint is a zigzag LEB128 integer. Rows written before
// the format (JSON text, starting with '{') still decode.
import type { Engagement, UserProfile } from '../core/index.js';

const FORMAT = 1;
const OPEN_BRACE = 0x7b;

/** Grows on demand; one per process is enough, as encoding is synchronous. */
let scratch = Buffer.allocUnsafe(64 * 1024);

class Writer {
  pos = 0;

  need(n: number): void {
    if (this.pos + n <= scratch.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, this.pos + n));
    scratch.copy(bigger, 0, 0, this.pos);
    scratch = bigger;
  }

  u8(v: number): void {
    this.need(1);
    scratch[this.pos++] = v;
  }

  u16(v: number): void {
    this.need(2);
    this.pos = scratch.writeUInt16LE(v, this.pos);
  }

  u32(v: number): void {
    this.need(4);
    this.pos = scratch.writeUInt32LE(v, this.pos);
  }

  f64(v: number): void {
    this.need(8);
    this.pos = scratch.writeDoubleLE(v, this.pos);
  }

  /** Zigzag LEB128 of an integer within the safe range (division, not bit operations: > 32 bits). */
  varint(v: number): void {
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    this.need(8);
    while (z >= 0x80) {
      scratch[this.pos++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    scratch[this.pos++] = z;
  }

  str(s: string): void {
    this.need(2 + s.length * 3);
    const start = this.pos + 2;
    // Ids are short and nearly always ASCII: copying the chars beats a call into Buffer.write.
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      scratch[start + i] = c;
    }
    const n = i === s.length ? i : scratch.write(s, start, 'utf8');
    scratch[this.pos] = n & 0xff;
    scratch[this.pos + 1] = n >>> 8;
    this.pos = start + n;
  }

  affinities(map: Record<string, number>): void {
    const at = this.pos;
    this.u16(0);
    let n = 0;
    for (const k in map) {
      this.str(k);
      this.f64(map[k]!);
      n += 1;
    }
    scratch.writeUInt16LE(n, at);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array & Buffer) {}

  u8(): number {
    return this.buf[this.pos++]!;
  }

  u16(): number {
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(): number {
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  varint(): number {
    let z = 0;
    let scale = 1;
    for (;;) {
      const b = this.buf[this.pos++]!;
      z += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  str(): string {
    const n = this.u16();
    const end = this.pos + n;
    let s = '';
    for (let i = this.pos; i < end; i++) {
      const c = this.buf[i]!;
      if (c >= 0x80) {
        s = this.buf.toString('utf8', this.pos, end); // not ASCII: decode the whole string
        break;
      }
      s += String.fromCharCode(c);
    }
    this.pos = end;
    return s;
  }

  affinities(): Record<string, number> {
    const map: Record<string, number> = {};
    for (let i = this.u16(); i > 0; i--) {
      const k = this.str();
      map[k] = this.f64();
    }
    return map;
  }
}

/** The profile as stored (its user id is the row's key, not part of the record). */
export function encodeProfile(p: UserProfile): Buffer {
  const w = new Writer();
  w.u8(FORMAT);
  w.f64(p.updatedAt);
  w.u16(p.recent.length);
  for (const e of p.recent) {
    w.str(e.itemId);
    w.varint(Math.round(p.updatedAt - e.ts)); // whole ms (Date.parse gives no fractions)
    w.f64(e.weight);
    w.u8(e.completed ? 1 : 0);
  }
  w.u32(p.follows.length);
  for (const c of p.follows) w.str(c);
  w.affinities(p.topics);
  w.affinities(p.creators);
  return Buffer.from(scratch.subarray(0, w.pos));
}

export function decodeProfile(userId: string, data: Uint8Array | string): UserProfile {
  const buf =
    typeof data === 'string'
      ? Buffer.from(data, 'utf8')
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf[0] === OPEN_BRACE) return JSON.parse(buf.toString('utf8')) as UserProfile; // written before the format
  const r = new Reader(buf);
  const format = r.u8();
  if (format !== FORMAT) throw new Error(`profile of ${userId}: unknown format ${format}`);
  const updatedAt = r.f64();
  const recent: Engagement[] = [];
  for (let i = r.u16(); i > 0; i--) {
    const itemId = r.str();
    const ts = updatedAt - r.varint();
    const weight = r.f64();
    recent.push({ itemId, ts, weight, completed: r.u8() === 1 });
  }
  const follows: string[] = [];
  for (let i = r.u32(); i > 0; i--) follows.push(r.str());
  const topics = r.affinities();
  const creators = r.affinities();
  return { userId, updatedAt, recent, follows, topics, creators };
}
