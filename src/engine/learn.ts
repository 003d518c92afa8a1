// The online learner over a data directory: reads the samples the joiner writes and publishes
// versions of the ranking model to the directory's registry, where serving engines pick them up
// (rank/ranker.ts). `foryou learn` runs it in its own process (a server starts one as a child), so
// learning never holds a serving thread; simulations and tests step it in process (Engine.learn).
import type { Config } from '../core/index.js';
import { ModelRegistry } from '../models/index.js';
import { SampleStore, openDb } from '../store/index.js';
import { OnlineLearner, type LearnerStep } from '../stream/index.js';
import { registryDir } from './train.js';

/** The learner's settings from configuration. */
export function learnerOptions(config: Config, onError: (what: string, error: unknown) => void) {
  const { publishEveryMs, bits, alpha, beta, l1, l2 } = config.learner;
  return { publishEveryMs, ftrl: { bits, alpha, beta, l1, l2 }, onError };
}

export interface LearnLoopOptions {
  /** Learn what is there, publish it, and return (otherwise run until `signal` aborts). */
  once?: boolean;
  signal?: AbortSignal;
  /** Each step that learned or published something. */
  onStep?: (step: LearnerStep) => void;
  onError?: (what: string, error: unknown) => void;
}

export interface LearnSummary {
  learned: number;
  published: number;
  /** Offset of the last sample learned. */
  position: number;
}

/** Runs the learner on the data directory `config` names, opening only the samples and the registry. */
export async function learnDataDir(config: Config, options: LearnLoopOptions = {}): Promise<LearnSummary> {
  const onError = options.onError ?? (() => undefined);
  const db = openDb(config.dataDir, { synchronous: config.store.synchronous });
  const summary: LearnSummary = { learned: 0, published: 0, position: 0 };
  try {
    const learner = new OnlineLearner(
      new SampleStore(db),
      new ModelRegistry(registryDir(config.dataDir)),
      learnerOptions(config, onError),
    );
    const note = (step: LearnerStep) => {
      summary.learned += step.learned;
      if (step.published) summary.published += 1;
      if (step.learned > 0 || step.published) options.onStep?.(step);
    };
    for (;;) {
      const step = learner.step(Date.now());
      note(step);
      if (options.once && step.learned === 0) {
        if (learner.publish(Date.now())) summary.published += 1;
        break;
      }
      if (options.signal?.aborted) break;
      // after learning something, look again at once (yielding to the loop): there may be more
      const wait = step.learned > 0 ? 0 : config.learner.stepEveryMs;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    summary.position = learner.position;
    return summary;
  } finally {
    db.close();
  }
}
