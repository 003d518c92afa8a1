// Readers' positions in the samples table (migration 6), the samples' counterpart of the event
// log's consumer offsets: the last sample offset a reader has processed.
import type { Db } from '../store/index.js';

export class SampleOffsets {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare<[string], { committed_offset: number }>(
        'SELECT committed_offset FROM sample_offsets WHERE group_id = ?',
      ),
      set: db.prepare(
        `INSERT INTO sample_offsets (group_id, committed_offset, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (group_id) DO UPDATE SET committed_offset = excluded.committed_offset,
           updated_at = excluded.updated_at`,
      ),
    };
  }

  /** 0 when the reader has processed nothing. */
  committed(group: string): number {
    return this.stmts.get.get(group)?.committed_offset ?? 0;
  }

  commit(group: string, offset: number): void {
    this.stmts.set.run(group, offset, Date.now());
  }
}
