import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserProfile } from '../core/index.js';
import { openDb } from './db.js';
import { MIGRATIONS } from './migrations.js';
import { decodeProfile, encodeProfile } from './profile-codec.js';
import { ProfileStore } from './profiles.js';
import { useTempDb } from './test-db.js';

const T = Date.parse('2026-11-01T00:00:00Z');

function fullProfile(): UserProfile {
  const topics: Record<string, number> = {};
  const creators: Record<string, number> = {};
  for (let i = 0; i < 32; i++) {
    topics[`topic-${i}`] = (i % 3 === 0 ? -1 : 1) * Math.PI * (i + 1) * 1e-3;
    creators[`creator${i}`] = 1 / (i + 7);
  }
  return {
    userId: 'u1',
    updatedAt: T,
    recent: Array.from({ length: 50 }, (_, i) => ({
      itemId: `v${1000 + i}`,
      ts: T - (50 - i) * 61_003, // late ones too: all before updatedAt
      weight: 1 + i / 3,
      completed: i % 2 === 0,
    })),
    follows: ['c1', 'créateur-ü', '作者'],
    topics,
    creators,
  };
}

describe('profile codec', () => {
  it('reads back exactly what it wrote, ids in any script, and is under half the JSON', () => {
    const p = fullProfile();
    const bytes = encodeProfile(p);
    expect(decodeProfile('u1', bytes)).toEqual(p);
    expect(bytes.length).toBeLessThan(JSON.stringify(p).length / 2);
  });

  it('keeps an engagement newer than updatedAt and an empty profile', () => {
    const p: UserProfile = {
      ...fullProfile(),
      recent: [{ itemId: 'x', ts: T + 5, weight: -0.25, completed: false }],
    };
    expect(decodeProfile('u1', encodeProfile(p))).toEqual(p);
    const empty: UserProfile = {
      userId: 'e',
      updatedAt: T,
      recent: [],
      follows: [],
      topics: {},
      creators: {},
    };
    expect(decodeProfile('e', encodeProfile(empty))).toEqual(empty);
    expect(encodeProfile(empty).length).toBe(1 + 8 + 2 + 4 + 2 + 2);
  });

  it('grows its buffer for a profile with a thousand follows', () => {
    const p: UserProfile = {
      ...fullProfile(),
      follows: Array.from({ length: 1000 }, (_, i) => `creator-${i}`.repeat(8)),
    };
    expect(decodeProfile('u1', encodeProfile(p))).toEqual(p);
  });
});

describe('profile store on the compact layout', () => {
  const t = useTempDb();

  it('still reads a row written as JSON before the layout, and rewrites it compact', () => {
    const p = fullProfile();
    t.db
      .prepare('INSERT INTO profiles (user_id, data, updated_at) VALUES (?, ?, ?)')
      .run('u1', Buffer.from(JSON.stringify(p)), p.updatedAt);
    const store = new ProfileStore(t.db);
    expect(store.get('u1')).toEqual(p);
    store.stage([p])();
    const row = t.db.prepare<[], { data: Buffer }>('SELECT data FROM profiles').get()!;
    expect(row.data[0]).toBe(1);
    expect(new ProfileStore(t.db).get('u1')).toEqual(p);
  });
});

describe('migration 7', () => {
  it('moves JSON profiles and co-visit sessions to the compact tables without losing them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foryou-profile-codec-'));
    try {
      const p = fullProfile();
      const old = openDb(dir, { migrations: MIGRATIONS.filter((m) => m.version < 7) });
      old
        .prepare('INSERT INTO profiles (user_id, doc, updated_at) VALUES (?, ?, ?)')
        .run('u1', JSON.stringify(p), T);
      const session = [
        { itemId: 'v1', ts: T - 5 },
        { itemId: 'v2', ts: T },
      ];
      old.prepare('INSERT INTO co_sessions (user_id, doc) VALUES (?, ?)').run('u1', JSON.stringify(session));
      old.close();
      const db = openDb(dir);
      expect(new ProfileStore(db).get('u1')).toEqual(p);
      const row = db
        .prepare<[], { last_ts: number; data: Buffer }>('SELECT last_ts, data FROM co_sessions')
        .get()!;
      expect(row.last_ts).toBe(T);
      expect(JSON.parse(row.data.toString('utf8'))).toEqual(session);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
