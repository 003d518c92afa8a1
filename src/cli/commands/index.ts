// Every subcommand of `foryou`, one file each; main.ts registers them in this order.
import type { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerDemo } from './demo.js';
import { registerImport } from './import.js';
import { registerEval } from './eval.js';
import { registerDataset } from './dataset.js';
import { registerSim } from './sim.js';
import { registerTrain } from './train.js';
import { registerLearn } from './learn.js';
import { registerWarehouse } from './warehouse.js';
import { registerExperiment } from './experiment.js';

export const commands: ((program: Command) => void)[] = [
  registerServe,
  registerDemo,
  registerImport,
  registerEval,
  registerDataset,
  registerSim,
  registerTrain,
  registerLearn,
  registerWarehouse,
  registerExperiment,
];
