// `foryou train`: trains the embedding model on the data directory's event log and registers it
// in the data directory's model registry, where running servers pick it up within seconds.
import type { Command } from 'commander';
import { trainDataDir } from '../../engine/index.js';
import { addServerFlags, configFromFlags, type ServerFlags } from '../options.js';

export function registerTrain(program: Command): void {
  addServerFlags(
    program
      .command('train')
      .description('train the embedding model (iALS) on the event log and register a new version'),
  ).action((flags: ServerFlags) => {
    const config = configFromFlags(flags);
    const t0 = performance.now();
    const result = trainDataDir(config);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (!result.registered) {
      process.stdout.write('no positive engagements in the event log yet: nothing to train\n');
      return;
    }
    const { name, version, dir } = result.registered;
    process.stdout.write(
      `trained ${name} v${version} on ${result.interactions} interactions ` +
        `(${result.users} users, ${result.items} videos) in ${seconds} s (fit ${result.fitMs} ms)\n` +
        `  registered at ${dir}\n`,
    );
  });
}
