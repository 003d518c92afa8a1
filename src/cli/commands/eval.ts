// `foryou eval`: offline evaluation of recommenders on a dataset, printed as a table or JSON.
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { PROTOCOLS, formatResultsTable, isProtocol, runEvaluation } from '../../eval/index.js';
import { MODEL_NAMES, isModelName } from '../../models/index.js';
import { intFlag } from '../options.js';

interface EvalFlags {
  data: string;
  protocol: string;
  models: string;
  k: string;
  seed: string;
  neighbours?: string;
  relevantMin?: string;
  json?: boolean;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'evaluate recommenders offline on a dataset (MovieLens, KuaiRand CSV, user-item file, events JSONL)',
    )
    .requiredOption('--data <path>', 'dataset directory or file')
    .option('--protocol <name>', `split protocol: ${PROTOCOLS.join(' | ')}`, 'msr')
    .option('--models <list>', `comma-separated: ${MODEL_NAMES.join(', ')}`, MODEL_NAMES.join(','))
    .option('--k <n>', 'list length for the @k metrics', '10')
    .option('--seed <n>', 'seed of the split and of the random and ials models', '42')
    .option('--neighbours <n>', 'item-knn: neighbours kept per item (default 100)')
    .option('--relevant-min <rating>', 'only test interactions rated at least this count as relevant')
    .option('--json', 'print the full report as JSON')
    .action((flags: EvalFlags) => {
      if (!isProtocol(flags.protocol))
        throw new Error(`unknown protocol '${flags.protocol}': use ${PROTOCOLS.join(', ')}`);
      const models = flags.models
        .split(',')
        .map((m) => m.trim())
        .filter((m) => m.length > 0);
      const unknown = models.filter((m) => !isModelName(m));
      if (models.length === 0 || unknown.length > 0) {
        throw new Error(
          `unknown model(s) ${unknown.join(', ') || '(none given)'}: use ${MODEL_NAMES.join(', ')}`,
        );
      }
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed))
        throw new Error(`--seed must be an integer, got ${JSON.stringify(flags.seed)}`);
      const relevantMin = flags.relevantMin === undefined ? undefined : Number(flags.relevantMin);
      if (relevantMin !== undefined && !Number.isFinite(relevantMin))
        throw new Error('--relevant-min must be a number');

      const tty = process.stderr.isTTY === true;
      const bar = new SingleBar(
        { format: '{model} {bar} {value}/{total} users', hideCursor: true, stream: process.stderr },
        Presets.shades_classic,
      );
      let barModel = '';
      const report = runEvaluation({
        data: flags.data,
        protocol: flags.protocol,
        models,
        k: intFlag('k', flags.k),
        seed,
        ...(flags.neighbours === undefined ? {} : { neighbours: intFlag('neighbours', flags.neighbours) }),
        ...(relevantMin === undefined ? {} : { relevantMinRating: relevantMin }),
        onStage: (stage) => {
          if (tty) process.stderr.write(`${stage}...\n`);
        },
        onProgress: (model, done, total) => {
          if (!tty) return;
          if (model !== barModel) {
            if (barModel) bar.stop();
            barModel = model;
            bar.start(total, 0, { model: model.padEnd(12) });
          }
          bar.update(done, { model: model.padEnd(12) });
        },
      });
      if (barModel) bar.stop();

      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const d = report.dataset;
      const s = report.split;
      process.stdout.write(
        `${d.source} (${d.format}): ${d.users} users, ${d.items} items, ${d.interactions} interactions\n` +
          `protocol ${report.protocol}, seed ${report.seed}: train ${s.train}` +
          (s.valid === undefined ? '' : `, valid ${s.valid}`) +
          `, test ${s.test}\n\n${formatResultsTable(report)}\n`,
      );
    });
}
