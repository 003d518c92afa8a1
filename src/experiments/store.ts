// Experiments and exposures in the embedded store. Definitions are written once and then only
// change status (draft -> running -> stopped), so every process that reads them assigns alike.
// Exposures (a user's first feed request in an experiment) are buffered and written in the
// background, as the served lists are: they can be recomputed from the deterministic assignment,
// and writing one row per request on the serving path would cost an fsync each.
import { ProblemError } from '../core/index.js';
import { relaxedTransaction, type Db } from '../store/index.js';
import { allocateBuckets } from './assignment.js';
import {
  BUCKETS,
  type ArmAssignment,
  type Experiment,
  type ExperimentDefinition,
  type ExperimentStatus,
} from './types.js';

interface Row {
  id: string;
  status: string;
  doc: string;
  created_at: number;
  started_at: number | null;
  stopped_at: number | null;
}

interface Doc extends ExperimentDefinition {
  bucketStart: number;
  bucketEnd: number;
}

export interface Exposure {
  userId: string;
  arm: string;
  firstAt: number;
}

export class ExperimentStore {
  private readonly stmts;
  private pending = new Map<string, { experiment: string; userId: string; arm: string; at: number }>();
  /** `${experiment}\0${user}` already written or pending, so a request costs a set lookup. */
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly flushEveryMs = 200,
  ) {
    this.stmts = {
      insert: db.prepare(
        'INSERT INTO experiments (id, layer, status, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      all: db.prepare<[], Row>(
        'SELECT id, status, doc, created_at, started_at, stopped_at FROM experiments ORDER BY created_at, id',
      ),
      one: db.prepare<[string], Row>(
        'SELECT id, status, doc, created_at, started_at, stopped_at FROM experiments WHERE id = ?',
      ),
      inLayer: db.prepare<[string], Row>(
        "SELECT id, status, doc, created_at, started_at, stopped_at FROM experiments WHERE layer = ? AND status != 'stopped'",
      ),
      start: db.prepare(
        "UPDATE experiments SET status = 'running', started_at = ?, updated_at = ? WHERE id = ?",
      ),
      stop: db.prepare(
        "UPDATE experiments SET status = 'stopped', stopped_at = ?, updated_at = ? WHERE id = ?",
      ),
      // Statuses only move forward (draft, running, stopped), so this weighted sum grows with every
      // transition, even two within one millisecond of a manual clock.
      revision: db.prepare<[], { n: number; progress: number | null }>(
        "SELECT count(*) AS n, sum(CASE status WHEN 'draft' THEN 1 WHEN 'running' THEN 1000000 ELSE 1000000000000 END) AS progress FROM experiments",
      ),
      expose: db.prepare(
        'INSERT INTO exposures (experiment_id, user_id, arm, first_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      exposures: db.prepare<[string], { user_id: string; arm: string; first_at: number }>(
        'SELECT user_id, arm, first_at FROM exposures WHERE experiment_id = ?',
      ),
    };
  }

  private static fromRow(row: Row): Experiment {
    const doc = JSON.parse(row.doc) as Doc;
    return {
      ...doc,
      status: row.status as ExperimentStatus,
      createdAt: row.created_at,
      startedAt: row.started_at,
      stoppedAt: row.stopped_at,
    };
  }

  /** Creates a draft in the first free range of its layer; 409 when the id is taken or the layer full. */
  create(definition: ExperimentDefinition, now: number): Experiment {
    return this.db.transaction(() => {
      if (this.stmts.one.get(definition.id))
        throw new ProblemError('conflict', `Experiment ${definition.id} exists already`);
      const size = Math.max(1, Math.round((definition.traffic / 100) * BUCKETS));
      const taken = this.stmts.inLayer.all(definition.layer).map((r) => ExperimentStore.fromRow(r));
      const range = allocateBuckets(taken, size);
      if (!range) {
        const free = BUCKETS - taken.reduce((s, e) => s + e.bucketEnd - e.bucketStart, 0);
        throw new ProblemError(
          'conflict',
          `Layer ${definition.layer} has no free range of ${definition.traffic}% (about ${(free / 100).toFixed(2)}% is free, maybe not in one piece): stop an experiment there or use another layer`,
        );
      }
      const doc: Doc = { ...definition, ...range };
      this.stmts.insert.run(definition.id, definition.layer, 'draft', JSON.stringify(doc), now, now);
      return this.get(definition.id)!;
    })();
  }

  get(id: string): Experiment | null {
    const row = this.stmts.one.get(id);
    return row ? ExperimentStore.fromRow(row) : null;
  }

  list(): Experiment[] {
    return this.stmts.all.all().map((r) => ExperimentStore.fromRow(r));
  }

  /** Changes whenever an experiment is created, started or stopped, by any process. */
  revision(): string {
    const r = this.stmts.revision.get()!;
    return `${r.n}:${r.progress ?? 0}`;
  }

  start(id: string, now: number): Experiment {
    return this.transition(id, 'draft', () => this.stmts.start.run(now, now, id));
  }

  stop(id: string, now: number): Experiment {
    return this.transition(id, 'running', () => this.stmts.stop.run(now, now, id));
  }

  private transition(id: string, from: ExperimentStatus, write: () => void): Experiment {
    return this.db.transaction(() => {
      const e = this.get(id);
      if (!e) throw new ProblemError('not_found', `No experiment ${id}`);
      if (e.status !== from)
        throw new ProblemError(
          'conflict',
          `Experiment ${id} is ${e.status}; only a ${from} one can be ${from === 'draft' ? 'started' : 'stopped'}`,
        );
      write();
      return this.get(id)!;
    })();
  }

  /** Notes the user's first request in each experiment (written within `flushEveryMs`). */
  expose(userId: string, assignments: readonly ArmAssignment[], at: number): void {
    for (const a of assignments) {
      if (a.forced) continue;
      const key = `${a.experiment}\u0000${userId}`;
      if (this.known.has(key)) continue;
      // Bounded: forgetting only costs a write that the table's key then ignores.
      if (this.known.size >= 1_000_000) this.known.clear();
      this.known.add(key);
      this.pending.set(key, { experiment: a.experiment, userId, arm: a.arm, at: Math.round(at) });
    }
    if (this.pending.size > 0) this.timer ??= setTimeout(() => this.flush(), this.flushEveryMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    relaxedTransaction(this.db, () => {
      for (const p of batch) this.stmts.expose.run(p.experiment, p.userId, p.arm, p.at);
    });
  }

  exposures(experimentId: string): Exposure[] {
    this.flush();
    return this.stmts.exposures
      .all(experimentId)
      .map((r) => ({ userId: r.user_id, arm: r.arm, firstAt: r.first_at }));
  }
}
