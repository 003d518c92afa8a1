import type { Command } from 'commander';
import { runServer } from '../run-server.js';
import { addServerFlags, configFromFlags, type ServerFlags } from '../options.js';

export function registerServe(program: Command): void {
  addServerFlags(program.command('serve').description('serve the API over the data directory')).action(
    async (flags: ServerFlags) => {
      await runServer(configFromFlags(flags));
    },
  );
}
