// `foryou experiment`: the experiment platform on a data directory, as the HTTP API offers it
// (docs/EXPERIMENTS.md). Servers sharing the directory pick up what it creates, starts and stops
// within a second.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compileValidator, pointerToPath, ProblemError, type FieldError } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import {
  ExperimentInput,
  parameters,
  type Experiment,
  type ExperimentResults,
  type WelchResult,
} from '../../experiments/index.js';
import { addServerFlags, configFromFlags, floatFlag, type ServerFlags } from '../options.js';

interface JsonFlags extends ServerFlags {
  json?: boolean;
}

interface ResultsFlags extends JsonFlags {
  mde?: string;
}

const validator = compileValidator(ExperimentInput);

function fieldLines(errors: readonly FieldError[]): string {
  return errors.map((e) => `  ${pointerToPath(e.pointer) || '(root)'}: ${e.message}`).join('\n');
}

/** Runs `work` on an engine over the data directory, turning refusals into readable errors. */
async function withEngine<T>(flags: ServerFlags, work: (engine: Engine) => T): Promise<T> {
  const config = configFromFlags(flags);
  const engine = new Engine(config, { startProcessors: false });
  try {
    return work(engine);
  } catch (error) {
    if (error instanceof ProblemError)
      throw new Error(
        error.errors.length > 0 ? `${error.message}\n${fieldLines(error.errors)}` : error.message,
      );
    throw error;
  } finally {
    engine.close();
  }
}

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** An experiment with why this configuration cannot serve it (empty when it can), as the API shows it. */
interface ShownExperiment extends Experiment {
  servingProblems: readonly FieldError[];
}

const shown = (engine: Engine, e: Experiment): ShownExperiment => ({
  ...e,
  servingProblems: engine.experiments.servingProblems(e.id),
});

function describeExperiment(e: ShownExperiment): string {
  const arms = e.arms
    .map(
      (a) =>
        `    ${a.name}${a.name === e.control ? ' (control)' : ''} weight ${a.weight} ${JSON.stringify(a.overrides)}`,
    )
    .join('\n');
  return (
    `${e.id}  ${e.status}  layer ${e.layer}, ${e.traffic}% (buckets ${e.bucketStart}-${e.bucketEnd})\n` +
    `  created ${when(e.createdAt)}  started ${when(e.startedAt)}  stopped ${when(e.stoppedAt)}\n${arms}\n` +
    (e.servingProblems.length > 0
      ? `  NOT SERVED by this configuration (no user gets an arm):\n${fieldLines(e.servingProblems)}\n`
      : '')
  );
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');

function comparisonText(c: WelchResult): string {
  return `${fmt(c.diff)} [${fmt(c.ci[0])}, ${fmt(c.ci[1])}] (${pct(c.relative)}) p=${fmt(c.pValue, 4)}${c.significant ? ' *' : ''}`;
}

export function formatResults(r: ExperimentResults): string {
  const lines = [
    `${r.experiment} (${r.status}) from ${when(r.window.startedAt)} to ${when(r.window.endAt)}, alpha ${r.alpha}`,
    `users: ${r.arms.map((a) => `${a.arm} ${a.users} (expected ${pct(a.expectedShare)})`).join(', ')}`,
    r.sampleRatio
      ? `sample ratio: chi2 ${fmt(r.sampleRatio.chiSquare)}, p=${fmt(r.sampleRatio.pValue, 4)}${r.sampleRatio.mismatch ? '  MISMATCH: do not trust these results' : ' (ok)'}`
      : 'sample ratio: no exposures yet',
  ];
  for (const m of r.metrics) {
    lines.push(`${m.name}${m.guardrail ? ' [guardrail]' : ''}: ${m.description}, ${m.better} is better`);
    lines.push(`  ${m.arms.map((a) => `${a.arm} ${fmt(a.value)}`).join('  ')}`);
    for (const c of m.comparisons) {
      lines.push(`  ${c.arm} - ${r.control}: ${comparisonText(c)}${c.harm ? '  HARM' : ''}`);
      if (c.cuped)
        lines.push(`    with CUPED: ${comparisonText(c.cuped)}, variance -${pct(c.cuped.varianceReduction)}`);
    }
  }
  if (r.harmedGuardrails.length > 0) lines.push(`guardrails harmed: ${r.harmedGuardrails.join(', ')}`);
  if (r.recommendedUsersPerArm)
    lines.push(
      `to detect ${pct(r.recommendedUsersPerArm.mdeRelative)} on watch_time with 80% power: ${r.recommendedUsersPerArm.users} users per arm` +
        (r.recommendedUsersPerArm.cuped ? ' (with CUPED)' : ''),
    );
  return `${lines.join('\n')}\n`;
}

export function registerExperiment(program: Command): void {
  const experiment = program
    .command('experiment')
    .description('A/B experiments: create, start, stop, read results');
  const out = (text: string) => process.stdout.write(text);

  addServerFlags(
    experiment.command('parameters').description('list the pipeline parameters an arm may override'),
  ).action(() => {
    for (const p of parameters().values())
      out(`${p.path}  ${p.type}  default ${JSON.stringify(p.default)}\n`);
  });

  addServerFlags(
    experiment
      .command('create <file>')
      .description('create a draft experiment from a JSON definition (docs/EXPERIMENTS.md)'),
  ).action(async (file: string, flags: ServerFlags) => {
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read ${file} as JSON: ${(e as Error).message}`);
    }
    if (!validator.check(input))
      throw new Error(`Invalid experiment in ${file}:\n${fieldLines(validator.errors(input))}`);
    const definition = input;
    out(
      describeExperiment(
        await withEngine(flags, (engine) => shown(engine, engine.experiments.create(definition, Date.now()))),
      ),
    );
  });

  addServerFlags(
    experiment.command('list').description('all experiments').option('--json', 'as JSON'),
  ).action(async (flags: JsonFlags) => {
    const list = await withEngine(flags, (engine) => engine.experiments.list().map((e) => shown(engine, e)));
    out(
      flags.json
        ? `${JSON.stringify(list, null, 2)}\n`
        : list.map(describeExperiment).join('') || 'no experiments\n',
    );
  });

  for (const action of ['start', 'stop'] as const) {
    addServerFlags(experiment.command(`${action} <id>`).description(`${action} an experiment`)).action(
      async (id: string, flags: ServerFlags) => {
        out(
          describeExperiment(
            await withEngine(flags, (engine) => shown(engine, engine.experiments[action](id, Date.now()))),
          ),
        );
      },
    );
  }

  addServerFlags(
    experiment
      .command('results <id>')
      .description("an experiment's results so far")
      .option('--mde <fraction>', "the effect to size for, relative to control's mean (0.05 = 5%)")
      .option('--json', 'as JSON'),
  ).action(async (id: string, flags: ResultsFlags) => {
    const mdeRelative = flags.mde === undefined ? undefined : floatFlag('mde', flags.mde, 0, true);
    const results = await withEngine(flags, (engine) =>
      engine.experiments.results(id, Date.now(), { mdeRelative }),
    );
    out(flags.json ? `${JSON.stringify(results, null, 2)}\n` : formatResults(results));
  });
}
