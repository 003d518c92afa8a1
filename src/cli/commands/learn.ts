// `foryou learn`: the online learner of the ranking model over a data directory. It reads the
// labelled samples the joiner writes and registers a new `ranker` version every
// `learner.publishEveryMs`; servers sharing the directory swap each one in within a second. A server
// runs it as a child process (`--follow-parent`); `--once` learns what is there and stops.
import type { Command } from 'commander';
import { learnDataDir } from '../../engine/index.js';
import { addServerFlags, configFromFlags, type ServerFlags } from '../options.js';

interface LearnFlags extends ServerFlags {
  once?: boolean;
  followParent?: string;
}

/** How often a child checks that the server that started it still runs. */
const PARENT_CHECK_MS = 500;

export function registerLearn(program: Command): void {
  addServerFlags(
    program
      .command('learn')
      .description('learn the ranking model online from the joined samples and publish versions')
      .option('--once', 'learn the samples there are, publish a version, and exit')
      .option(
        '--follow-parent <pid>',
        'exit when process <pid>, which started this one, ends (servers use it)',
      ),
  ).action(async (flags: LearnFlags) => {
    const config = configFromFlags(flags);
    const stop = new AbortController();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
    if (flags.followParent !== undefined) {
      // A killed server cannot stop its children; a child whose parent is gone is re-parented. The
      // parent names itself: one killed while this process was still starting is gone already, and
      // the parent this process sees first would be its new one.
      const parent = Number(flags.followParent);
      const orphaned = () => process.ppid !== parent;
      if (orphaned()) stop.abort();
      else
        setInterval(() => {
          if (orphaned()) stop.abort();
        }, PARENT_CHECK_MS).unref();
    }
    const summary = await learnDataDir(config, {
      ...(flags.once ? { once: true } : {}),
      signal: stop.signal,
      onStep: (step) => {
        // a server's child stays quiet: its parent only reports how it ended
        if (step.published && flags.followParent === undefined)
          process.stdout.write(
            `published ranker v${step.published.version} (${step.learned} samples this step)\n`,
          );
      },
      onError: (what, error) => process.stderr.write(`${what}: ${String(error)}\n`),
    });
    process.stdout.write(
      `learned ${summary.learned} samples, published ${summary.published} versions, at sample ${summary.position}\n`,
    );
  });
}
