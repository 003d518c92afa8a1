// Flags shared by the commands that start a server, mapped onto configuration paths.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../core/index.js';

export interface ServerFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  config?: string;
}

export function addServerFlags(command: Command, defaultDataDir?: string): Command {
  return command
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('-d, --data-dir <dir>', `data directory${defaultDataDir ? ` (default ${defaultDataDir})` : ''}`)
    .option('-c, --config <file>', 'JSON configuration file');
}

export function configFromFlags(flags: ServerFlags, defaultDataDir?: string): Config {
  let port: number | undefined;
  if (flags.port !== undefined) {
    port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new Error(`--port: not a port number: ${flags.port}`);
  }
  const env = { ...process.env };
  if (defaultDataDir && env.FORYOU_DATA_DIR === undefined && flags.dataDir === undefined) {
    env.FORYOU_DATA_DIR = defaultDataDir;
  }
  return loadConfig({
    file: flags.config,
    env,
    overrides: { 'server.port': port, 'server.host': flags.host, dataDir: flags.dataDir },
  });
}

/** A whole-number flag, at least `min`; the error names the flag. */
export function intFlag(name: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name}: expected a whole number >= ${min}, got ${value}`);
  return n;
}

/**
 * A finite number flag, at least `min` (or above it, when `exclusive`); the error names the flag.
 * intFlag's counterpart for rates and regularisation weights.
 */
export function floatFlag(name: string, value: string, min = 0, exclusive = false): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || (exclusive ? n <= min : n < min))
    throw new Error(`--${name}: expected a number ${exclusive ? '>' : '>='} ${min}, got ${value}`);
  return n;
}
