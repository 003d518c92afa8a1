// The experiment platform as the engine uses it: definitions in the store, assignment of each feed
// request's user, the configuration an assignment serves, exposures, and results from the log.
// Any process sharing the data directory may create, start or stop experiments; `refresh` (called
// by the engine's maintenance every second) picks up their changes.
import { ProblemError, validationProblem, type Config, type FieldError } from '../core/index.js';
import type { EventLog } from '../log/index.js';
import type { Db } from '../store/index.js';
import { analyse, type ExperimentResults } from './analysis.js';
import { Assigner } from './assignment.js';
import { armProblems, checkDefinition, type ExperimentInput } from './definition.js';
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
  /** Running experiments whose arms this server cannot serve, with why: left out of assignment. */
  private unservable = new Map<string, FieldError[]>();
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
    // Overrides were checked at creation, maybe by another server version, or against a ranker
    // version since pruned. An experiment that cannot be served as defined is not served at all:
    // serving some users the base configuration under the arm's name would corrupt its results.
    this.unservable = new Map();
    for (const e of all) {
      if (e.status !== 'running') continue;
      const problems = e.arms.flatMap((arm, i) =>
        armProblems(arm.overrides, `/arms/${i}/overrides`, this.base, this.rankerVersionExists),
      );
      if (problems.length > 0) this.unservable.set(e.id, problems);
    }
    this.assigner = new Assigner(
      all.filter((e) => !this.unservable.has(e.id)),
      this.settings.holdoutPercent,
    );
    this.configs.clear();
    return true;
  }

  /**
   * Why this server cannot serve a running experiment (its users get no arm in it here and are not
   * exposed); empty when it can.
   */
  servingProblems(id: string): readonly FieldError[] {
    return this.unservable.get(id) ?? [];
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
      // Each experiment's arms were checked on refresh; only arms of different layers that the
      // schema refuses together can fail here (their layers override different parameters), and
      // then they serve the base.
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
