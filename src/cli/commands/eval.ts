// `foryou eval`: offline evaluation of recommenders on a dataset, printed as a table or JSON.
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { PROTOCOLS, SOURCES_MODEL, formatResultsTable, isProtocol, runEvaluation } from '../../eval/index.js';
import { MODEL_NAMES, isModelName, type ModelOptions } from '../../models/index.js';
import { floatFlag, intFlag } from '../options.js';

/** The model flags of `foryou eval`, as commander gives them (strings, camel-cased). */
export interface ModelFlags {
  easeLambda?: string;
  ialsFactors?: string;
  ialsReg?: string;
  ialsAlpha?: string;
  ialsIterations?: string;
  bprFactors?: string;
  bprEpochs?: string;
  bprLr?: string;
  bprReg?: string;
  knnNeighbours?: string;
  /** Older spelling of --knn-neighbours. */
  neighbours?: string;
}

interface EvalFlags extends ModelFlags {
  data: string;
  protocol: string;
  models: string;
  k: string;
  seed: string;
  relevantMin?: string;
  saveDir?: string;
  json?: boolean;
}

/** Parses the model flags into createModel options; a bad value throws naming its flag. */
export function modelOptionsFromFlags(flags: ModelFlags): Omit<ModelOptions, 'seed'> {
  const options: Omit<ModelOptions, 'seed'> = {};
  const knn = flags.knnNeighbours ?? flags.neighbours;
  if (knn !== undefined)
    options.neighbours = intFlag(flags.knnNeighbours === undefined ? 'neighbours' : 'knn-neighbours', knn);
  if (flags.easeLambda !== undefined)
    options.easeLambda = floatFlag('ease-lambda', flags.easeLambda, 0, true);
  const ials: NonNullable<ModelOptions['ials']> = {};
  if (flags.ialsFactors !== undefined) ials.factors = intFlag('ials-factors', flags.ialsFactors);
  if (flags.ialsReg !== undefined) ials.lambda = floatFlag('ials-reg', flags.ialsReg);
  if (flags.ialsAlpha !== undefined) ials.alpha = floatFlag('ials-alpha', flags.ialsAlpha);
  if (flags.ialsIterations !== undefined) ials.iterations = intFlag('ials-iterations', flags.ialsIterations);
  if (Object.keys(ials).length > 0) options.ials = ials;
  const bpr: NonNullable<ModelOptions['bpr']> = {};
  if (flags.bprFactors !== undefined) bpr.factors = intFlag('bpr-factors', flags.bprFactors);
  if (flags.bprEpochs !== undefined) bpr.epochs = intFlag('bpr-epochs', flags.bprEpochs);
  if (flags.bprLr !== undefined) bpr.learningRate = floatFlag('bpr-lr', flags.bprLr, 0, true);
  if (flags.bprReg !== undefined) {
    const reg = floatFlag('bpr-reg', flags.bprReg);
    bpr.regUser = reg;
    bpr.regItem = reg;
  }
  if (Object.keys(bpr).length > 0) options.bpr = bpr;
  return options;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'evaluate recommenders offline on a dataset (MovieLens, KuaiRand CSV, user-item file, events JSONL)',
    )
    .requiredOption('--data <path>', 'dataset directory or file')
    .option('--protocol <name>', `split protocol: ${PROTOCOLS.join(' | ')}`, 'msr')
    .option(
      '--models <list>',
      `comma-separated: ${MODEL_NAMES.join(', ')}, or ${SOURCES_MODEL} (the feed's candidate sources, blended)`,
      MODEL_NAMES.join(','),
    )
    .option('--k <n>', 'list length for the @k metrics', '10')
    .option('--seed <n>', 'seed of the split and of the random, ials and bpr models', '42')
    .option('--relevant-min <rating>', 'only test interactions rated at least this count as relevant')
    .option('--knn-neighbours <n>', 'item-knn: neighbours kept per item (default 100)')
    .option('--neighbours <n>', 'same as --knn-neighbours (older name)')
    .option('--ease-lambda <x>', 'ease: L2 regularisation λ, > 0 (default 500)')
    .option('--ials-factors <n>', 'ials: latent dimensions (default 32)')
    .option('--ials-reg <x>', 'ials: L2 regularisation λ, >= 0 (default 50)')
    .option('--ials-alpha <x>', 'ials: confidence slope α in c = 1 + α·rating, >= 0 (default 2)')
    .option('--ials-iterations <n>', 'ials: alternating sweeps (default 10)')
    .option('--bpr-factors <n>', 'bpr: latent dimensions (default 128)')
    .option('--bpr-epochs <n>', 'bpr: epochs of SGD, each one sample per positive (default 100)')
    .option('--bpr-lr <x>', 'bpr: SGD learning rate, > 0 (default 0.03)')
    .option('--bpr-reg <x>', 'bpr: L2 regularisation of the user and item factors, >= 0 (default 0.015)')
    .option('--save-dir <dir>', 'register every trained model in a model registry at this directory')
    .option('--json', 'print the full report as JSON')
    .action((flags: EvalFlags) => {
      if (!isProtocol(flags.protocol))
        throw new Error(`unknown protocol '${flags.protocol}': use ${PROTOCOLS.join(', ')}`);
      const models = flags.models
        .split(',')
        .map((m) => m.trim())
        .filter((m) => m.length > 0);
      const unknown = models.filter((m) => !isModelName(m) && m !== SOURCES_MODEL);
      if (models.length === 0 || unknown.length > 0) {
        throw new Error(
          `unknown model(s) ${unknown.join(', ') || '(none given)'}: use ${[...MODEL_NAMES, SOURCES_MODEL].join(', ')}`,
        );
      }
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed))
        throw new Error(`--seed must be an integer, got ${JSON.stringify(flags.seed)}`);
      const relevantMin = flags.relevantMin === undefined ? undefined : Number(flags.relevantMin);
      if (relevantMin !== undefined && !Number.isFinite(relevantMin))
        throw new Error('--relevant-min must be a number');
      const k = intFlag('k', flags.k);
      const modelOptions = modelOptionsFromFlags(flags);

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
        k,
        seed,
        modelOptions,
        ...(relevantMin === undefined ? {} : { relevantMinRating: relevantMin }),
        ...(flags.saveDir === undefined ? {} : { saveDir: flags.saveDir }),
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
      if (report.saved && report.saved.length > 0) {
        process.stdout.write(
          `\nregistered in ${flags.saveDir}:\n` +
            report.saved.map((v) => `  ${v.name} version ${v.version} (${v.dir})\n`).join(''),
        );
      }
    });
}
