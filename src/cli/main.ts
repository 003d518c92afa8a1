#!/usr/bin/env node
// The `foryou` command.
import { Command } from 'commander';
import { commands } from './commands/index.js';
import { VERSION } from '../core/index.js';

const program = new Command('foryou')
  .description('foryou: a "For You" feed engine for short-video apps')
  .version(VERSION)
  .showHelpAfterError();

for (const register of commands) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`foryou: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
