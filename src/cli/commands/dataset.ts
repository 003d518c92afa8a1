// `foryou dataset fetch movielens-100k|movielens-1m`: downloads a public dataset from its
// publisher when the user asks (the licences forbid shipping the data with foryou).
import type { Command } from 'commander';
import { MOVIELENS_DATASETS, MOVIELENS_LICENCE, fetchMovieLens, isMovieLensName } from '../../eval/index.js';

export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('public evaluation datasets');
  dataset
    .command('fetch')
    .description('download and unpack a dataset from its publisher (GroupLens)')
    .argument('<name>', Object.keys(MOVIELENS_DATASETS).join(' | '))
    .option('--dir <path>', 'folder to unpack into', 'data/datasets')
    .action(async (name: string, flags: { dir: string }) => {
      if (!isMovieLensName(name)) {
        throw new Error(`unknown dataset '${name}': use ${Object.keys(MOVIELENS_DATASETS).join(', ')}`);
      }
      process.stdout.write(`${MOVIELENS_LICENCE}\n\n`);
      process.stdout.write(`downloading ${MOVIELENS_DATASETS[name].url}\n`);
      const result = await fetchMovieLens(name, flags.dir);
      if (result.files.length === 0)
        process.stdout.write(`${result.dir} already holds the data; nothing downloaded\n`);
      else {
        process.stdout.write(
          `unpacked ${result.files.length} files (${(result.bytes / 1e6).toFixed(1)} MB zip) into ${result.dir}\n` +
            `try: foryou eval --data ${result.dir} --protocol msr\n`,
        );
      }
    });
}
