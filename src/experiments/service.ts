// The experiment platform as the engine uses it: definitions in the store, assignment of each feed
// request's user, the configuration an assignment serves, exposures, and results from the log.
// Any process sharing the data directory may create, start or stop experiments; `refresh` (called
// by the engine's maintenance every second) picks up their changes.
import { ProblemError, validationProblem, type Config } from '../core/index.js';
import type { EventLog } from '../log/index.js';
import type { Db } from '../store/index.js';
import { analyse, type ExperimentResults } from './analysis.js';
import { Assigner } from './assignment.js';
import { checkDefinition, type ExperimentInput } from './definition.js';
import { applyOverrides } from './params.js';
import { ExperimentStore } from './store.js';
import type { ArmAssignment, Experiment } from './types.js';
import { userOutcomes, type CompletionJudge } from './user-metrics.js';

export interface ArmConfig {
  /** Identifies the merged overrides: equal keys serve equal configurations ('' = the base). */
  key: string;
  config: Config;
}

export class ExperimentService {
  readonly store: ExperimentStore;
  private assigner: Assigner;
  private revision = '';
  private byId = new Map<string, Experiment>();
  private readonly configs = new Map<string, ArmConfig>();
  private readonly settings: Config['experiments'];

  constructor(
    db: Db,
    private readonly base: Config,
    private readonly log: EventLog,
    private readonly completed: CompletionJudge,
    private readonly rankerVersionExists: (version: number) => boolean = () => true,
  ) {
    this.store = new ExperimentStore(db);
    this.settings = base.experiments;
    this.assigner = new Assigner([]);
    this.refresh();
  }

  /** Reloads the experiments when any process changed them; true when it did. */
  refresh(): boolean {
    const revision = this.store.revision();
    if (revision === this.revision) return false;
    this.revision = revision;
    const all = this.store.list();
    this.byId = new Map(all.map((e) => [e.id, e]));
    this.assigner = new Assigner(all, this.settings.holdoutPercent);
    this.configs.clear();
    return true;
  }

  /** The user's arms in the running experiments. */
  assign(userId: string): ArmAssignment[] {
    return this.assigner.assign(userId);
  }

  /** The configuration the arms serve, memoised by their merged overrides. */
  configFor(assignments: readonly ArmAssignment[]): ArmConfig {
    const merged: Record<string, unknown> = {};
    for (const a of assignments) {
      const arm = this.byId.get(a.experiment)?.arms.find((x) => x.name === a.arm);
      Object.assign(merged, arm?.overrides);
    }
    const paths = Object.keys(merged).sort();
    if (paths.length === 0) return { key: '', config: this.base };
    const key = JSON.stringify(paths.map((p) => [p, merged[p]]));
    let entry = this.configs.get(key);
    if (!entry) {
      const { config, errors } = applyOverrides(this.base, merged);
      // Checked when the experiment was created against the same schema: only a configuration
      // changed since (a new server version) can fail here, and then the arm serves the base.
      entry = errors.length === 0 && config ? { key, config } : { key: '', config: this.base };
      this.configs.set(key, entry);
    }
    return entry;
  }

  expose(userId: string, assignments: readonly ArmAssignment[], at: number): void {
    this.store.expose(userId, assignments, at);
  }

  list(): Experiment[] {
    this.refresh();
    return [...this.byId.values()];
  }

  get(id: string): Experiment {
    this.refresh();
    const e = this.byId.get(id);
    if (!e) throw new ProblemError('not_found', `No experiment ${id}`);
    return e;
  }

  /** Creates a draft; bad definitions are refused with every field at fault, and nothing is written. */
  create(input: ExperimentInput, now: number): Experiment {
    const { definition, errors } = checkDefinition(input, this.base, this.rankerVersionExists);
    if (!definition) throw validationProblem(errors, undefined, 'body');
    const e = this.store.create(definition, now);
    this.refresh();
    return e;
  }

  /**
   * Starts a draft. Layers are orthogonal only if their experiments change different parameters:
   * one that overrides a parameter a running experiment of another layer overrides is refused.
   */
  start(id: string, now: number): Experiment {
    const e = this.get(id);
    const mine = new Set(e.arms.flatMap((a) => Object.keys(a.overrides)));
    for (const other of this.byId.values()) {
      if (other.status !== 'running' || other.layer === e.layer) continue;
      const shared = other.arms.flatMap((a) => Object.keys(a.overrides)).find((p) => mine.has(p));
      if (shared)
        throw new ProblemError(
          'conflict',
          `Experiment ${other.id} (layer ${other.layer}) overrides ${shared} too: run them in one layer, or one after the other`,
        );
    }
    const started = this.store.start(id, now);
    this.refresh();
    return started;
  }

  stop(id: string, now: number): Experiment {
    const stopped = this.store.stop(id, now);
    this.refresh();
    return stopped;
  }

  /**
   * Results so far (or final, once stopped), computed from the event log. `mdeRelative` is the
   * effect (relative to control's mean) the sample-size recommendation is for; by default
   * `experiments.mdeRelative` of the configuration.
   */
  results(id: string, now: number, options: { mdeRelative?: number } = {}): ExperimentResults {
    const e = this.get(id);
    const endAt = e.stoppedAt ?? now;
    const startedAt = e.startedAt ?? now;
    const outcomes =
      e.startedAt === null
        ? []
        : userOutcomes(
            this.log,
            this.store.exposures(id),
            {
              startedAt,
              endAt,
              preperiodMs: this.settings.preperiodMs,
              sessionGapMs: this.settings.sessionGapMs,
              returnAfterMs: this.settings.returnAfterMs,
            },
            this.completed,
          );
    return analyse(e, outcomes, {
      alpha: this.settings.alpha,
      endAt,
      preperiodMs: this.settings.preperiodMs,
      mdeRelative: options.mdeRelative ?? this.settings.mdeRelative,
    });
  }

  close(): void {
    this.store.flush();
  }
}
