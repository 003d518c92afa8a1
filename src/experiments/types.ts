// The shapes of the experiment platform: an experiment lives in a layer, takes a contiguous range
// of the layer's buckets (its traffic), and splits the users in it between arms by weight; each arm
// overrides pipeline parameters by their dotted path (params.ts).

/** Users are hashed into this many buckets per layer. */
export const BUCKETS = 10_000;

export type ExperimentStatus = 'draft' | 'running' | 'stopped';

/** A parameter override: dotted path -> value (`{ "feed.weights.trending": 0.5 }`). */
export type Overrides = Readonly<Record<string, unknown>>;

export interface Arm {
  readonly name: string;
  /** Relative share of the experiment's users. */
  readonly weight: number;
  readonly overrides: Overrides;
}

/** What a client gives to create an experiment. */
export interface ExperimentDefinition {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  /** Experiments in one layer never share a user; layers are independent of each other. */
  readonly layer: string;
  /** Percent of the layer's users in the experiment (0.01 to 100). */
  readonly traffic: number;
  readonly arms: readonly Arm[];
  /** The arm the others are compared with; the first when not given. */
  readonly control: string;
  /** QA users who always get the named arm while the experiment runs (and are left out of results). */
  readonly forced: Readonly<Record<string, string>>;
}

export interface Experiment extends ExperimentDefinition {
  readonly status: ExperimentStatus;
  /** The layer buckets [bucketStart, bucketEnd) the experiment holds. */
  readonly bucketStart: number;
  readonly bucketEnd: number;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly stoppedAt: number | null;
}

/** One experiment's arm for one user. */
export interface ArmAssignment {
  readonly experiment: string;
  readonly arm: string;
  /** A forced QA user: served the arm, left out of the analysis. */
  readonly forced: boolean;
}
