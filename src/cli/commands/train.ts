// `foryou train`: trains the embedding model on the data directory's event log (or, with
// `--from warehouse`, its Parquet warehouse) and registers it in the data directory's model
// registry, where running servers pick it up within seconds.
import { Option, type Command } from 'commander';
import { trainDataDir } from '../../engine/index.js';
import { addServerFlags, configFromFlags, type ServerFlags } from '../options.js';

interface TrainFlags extends ServerFlags {
  from: 'log' | 'warehouse';
}

export function registerTrain(program: Command): void {
  addServerFlags(
    program
      .command('train')
      .description('train the embedding model (iALS) on the event log and register a new version')
      .addOption(
        new Option(
          '--from <source>',
          'train on the event log or on the Parquet warehouse (`foryou warehouse export`)',
        )
          .choices(['log', 'warehouse'])
          .default('log'),
      ),
  ).action(async (flags: TrainFlags) => {
    const config = configFromFlags(flags);
    const t0 = performance.now();
    const result = await trainDataDir(config, Date.now(), { from: flags.from });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (!result.registered) {
      const where =
        flags.from === 'warehouse' ? 'the warehouse (run `foryou warehouse export` first?)' : 'the event log';
      process.stdout.write(`no positive engagements in ${where} yet: nothing to train\n`);
      return;
    }
    const { name, version, dir } = result.registered;
    process.stdout.write(
      `trained ${name} v${version} on ${result.interactions} interactions ` +
        `(${result.users} users, ${result.items} videos) from the ${flags.from === 'warehouse' ? 'warehouse' : 'event log'} ` +
        `in ${seconds} s (fit ${result.fitMs} ms)\n` +
        `  registered at ${dir}\n`,
    );
  });
}
