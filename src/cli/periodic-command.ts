// Runs a `foryou` command in a child process every so often while a server runs: training (the
// seconds of a fit never stall a request; the engine polls the registry and swaps the new version
// in) and the warehouse export (its Parquet writing stays off the serving thread). One run at a
// time; a run that fails is reported and retried next period.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/index.js';

export interface PeriodicCommandOptions {
  /** The command and its own arguments, e.g. ['warehouse', 'export']. */
  command: string[];
  everyMs: number;
  firstAfterMs: number;
  /** Names the command in reports and its configuration file (one per label). */
  label: string;
}

export class PeriodicCommand {
  private timer: NodeJS.Timeout | null = null;
  private child: ChildProcess | null = null;
  private readonly configFile: string;

  constructor(
    config: Config,
    private readonly options: PeriodicCommandOptions,
    private readonly report: (line: string) => void,
  ) {
    // The child reads the same configuration, minus the API keys it has no use for.
    const dir = join(config.dataDir, 'run');
    mkdirSync(dir, { recursive: true });
    this.configFile = join(dir, `${options.label}-config.json`);
    writeFileSync(this.configFile, JSON.stringify({ ...config, auth: { keys: [] } }));
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        this.run();
        schedule(options.everyMs);
      }, ms);
      this.timer.unref();
    };
    schedule(options.firstAfterMs);
  }

  private run(): void {
    if (this.child) return; // the last one is still running
    // The same Node, loader flags (tsx in development) and entry script as this process.
    const args = [...process.execArgv, process.argv[1]!, ...this.options.command, '-c', this.configFile];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => {
      this.child = null;
      const first = output.trim().split('\n')[0] ?? '';
      const { label } = this.options;
      this.report(code === 0 ? `${label}: ${first}` : `${label} failed (exit ${code}): ${output.trim()}`);
    });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill('SIGTERM');
  }
}
