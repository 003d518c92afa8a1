// The online learner: reads the labelled samples the joiner writes, in offset order, and updates
// the multi-task FTRL ranking model with each; every `publishEveryMs`, if it has learned anything,
// it registers the model as a new version of 'ranker' (servers poll for it, rank/ranker.ts).
//
// Its position is the version's `dataSummary.samplesOffset`: on start it loads the newest version's
// exact training state and reads on from there. A crash thus repeats nothing a published version
// has learned and loses nothing: samples learned after the last publish are read and learned again,
// from the same state, so the result is the one an uninterrupted learner would have reached.
//
// Inputs of a sample: the features the feed served it with, except those the model itself produced
// (`model_*`, see MODEL_FEATURE_PREFIX: learning from its own score would feed the model back into
// itself), plus its source and its position in the list as categories. Position is known in
// training but not when ranking, where every candidate is scored at position 0: the position
// weights soak up position bias (lower slots are seen and finished less, whatever the video) so
// that the other weights do not have to.
import type { Sample, SampleStore } from '../store/index.js';
import {
  HEADS,
  MultiTaskFtrl,
  RANKER_MODEL,
  rankerInput,
  type FeatureInput,
  type FtrlOptions,
  type HeadScores,
  type ModelRegistry,
  type RegisteredVersion,
} from '../models/index.js';
import { ProgressiveMetrics } from './progressive-metrics.js';

/** Where samples come from: the sample store, read like a topic. */
export type SampleSource = Pick<SampleStore, 'read'>;

/** A sample's labels per head; the watch ratio (loops count up to 3) is capped at 1. */
export function sampleLabels(s: Sample): HeadScores {
  const b = (v: boolean) => (v ? 1 : 0);
  return {
    finish: b(s.finished),
    watch: Math.min(1, Math.max(0, s.watchRatio)),
    like: b(s.liked),
    share: b(s.shared),
    follow: b(s.followed),
    quickSkip: b(s.quickSkip),
  };
}

export interface LearnerOptions {
  /** Publish a version at most this often, and only after learning something. */
  publishEveryMs: number;
  /** FTRL parameters; `bits` only applies to a fresh model (a stored one keeps its own). */
  ftrl: Partial<FtrlOptions>;
  /** Samples read per query. */
  batchSize?: number;
  /** Most samples learned in one step (default 5000, about 150 ms here), so a step never holds the thread long. */
  maxSamplesPerStep?: number;
  /** Versions kept in the registry. */
  keepVersions?: number;
  /** Progressive validation window, in samples. */
  metricsWindow?: number;
  /** A stored version that cannot be loaded at start is reported here (the one before is tried). */
  onError?: (what: string, error: unknown) => void;
}

function omitBits(o: Partial<FtrlOptions>): Partial<Omit<FtrlOptions, 'bits'>> {
  const { bits: _bits, ...rest } = o;
  return rest;
}

export interface LearnerStep {
  learned: number;
  published: RegisteredVersion | null;
}

export class OnlineLearner {
  private model: MultiTaskFtrl;
  /** Offset of the last sample learned. */
  private offset = 0;
  /** Samples learned in all, across restarts (as of the loaded version, plus since). */
  private total = 0;
  private learnedSincePublish = 0;
  private lastPublishAt: number | null = null;
  private readonly metrics: ProgressiveMetrics;
  private readonly options: Required<LearnerOptions>;

  constructor(
    private readonly samples: SampleSource,
    private readonly registry: ModelRegistry,
    options: LearnerOptions,
  ) {
    this.options = {
      batchSize: 1000,
      maxSamplesPerStep: 5000,
      keepVersions: 5,
      metricsWindow: 10_000,
      onError: () => {},
      ...options,
    };
    this.metrics = new ProgressiveMetrics(this.options.metricsWindow);
    this.model = this.resume() ?? new MultiTaskFtrl(this.options.ftrl);
  }

  /**
   * The newest loadable version's model and position, or null to start afresh. A version that
   * cannot be read is reported and the one before it tried: resuming from an older version only
   * relearns more samples.
   */
  private resume(): MultiTaskFtrl | null {
    const versions = this.registry.list(RANKER_MODEL).reverse();
    for (const { version } of versions) {
      try {
        const { artifact, meta } = this.registry.load(RANKER_MODEL, version);
        const model = MultiTaskFtrl.fromArtifact(artifact, { override: omitBits(this.options.ftrl) });
        // a changed `bits` moves every feature's coordinate: no stored state applies, start afresh
        if (this.options.ftrl.bits !== undefined && this.options.ftrl.bits !== model.options.bits)
          return null;
        const summary = meta.dataSummary ?? {};
        this.offset = typeof summary.samplesOffset === 'number' ? summary.samplesOffset : 0;
        this.total = typeof summary.samples === 'number' ? summary.samples : 0;
        return model;
      } catch (error) {
        this.options.onError(`ranker model version ${version}`, error);
      }
    }
    return null;
  }

  /** Offset of the last sample learned. */
  get position(): number {
    return this.offset;
  }

  /** Samples learned in all (the published versions' and this process's). */
  get learned(): number {
    return this.total;
  }

  /** Learns the samples written since the last step (up to maxSamplesPerStep); publishes if due. */
  step(now: number): LearnerStep {
    this.lastPublishAt ??= now;
    let learned = 0;
    while (learned < this.options.maxSamplesPerStep) {
      const batch = this.samples.read(
        this.offset,
        Math.min(this.options.batchSize, this.options.maxSamplesPerStep - learned),
      );
      for (const s of batch) this.learn(s);
      learned += batch.length;
      if (batch.length < this.options.batchSize) break;
    }
    const due = now - this.lastPublishAt >= this.options.publishEveryMs;
    return { learned, published: due && this.learnedSincePublish > 0 ? this.publish(now) : null };
  }

  private learn(s: Sample): void {
    const labels = sampleLabels(s);
    const x = this.model.encode(rankerInput(s.features, s.source, s.position));
    this.metrics.add(this.model.update(x, labels), labels);
    this.offset = s.offset;
    this.total++;
    this.learnedSincePublish++;
  }

  /** Registers the model now (whether or not due), prunes old versions; null if nothing is new. */
  publish(now: number): RegisteredVersion | null {
    if (this.learnedSincePublish === 0) return null;
    const artifact = this.model.toArtifact({ samples: this.total }, new Date(now));
    const registered = this.registry.register(RANKER_MODEL, artifact, {
      trainedAt: new Date(now),
      metrics: this.metrics.summary(),
      dataSummary: { samplesOffset: this.offset, samples: this.total, heads: [...HEADS] },
    });
    this.learnedSincePublish = 0;
    this.lastPublishAt = now;
    this.registry.prune(RANKER_MODEL, this.options.keepVersions);
    return registered;
  }

  /** Scores of the current (training) model, for tests and diagnostics. */
  scores(input: FeatureInput): HeadScores {
    return this.model.predict(input);
  }
}
