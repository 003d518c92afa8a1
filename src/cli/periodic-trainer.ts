// Retrains the embedding model while a server runs, in a child `foryou train` process so that the
// seconds of training never stall a request. The server's engine polls the registry and swaps the
// new version in. One training at a time; a run that fails is reported and retried next period.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryDir } from '../engine/index.js';
import type { Config } from '../core/index.js';

export class PeriodicTrainer {
  private timer: NodeJS.Timeout | null = null;
  private child: ChildProcess | null = null;
  private readonly configFile: string;

  constructor(
    config: Config,
    private readonly report: (line: string) => void,
    firstAfterMs = Math.min(config.train.everyMs, 10_000),
  ) {
    // The child reads the same configuration, minus the API keys it has no use for.
    const dir = registryDir(config.dataDir);
    mkdirSync(dir, { recursive: true });
    this.configFile = join(dir, 'train-config.json');
    writeFileSync(this.configFile, JSON.stringify({ ...config, auth: { keys: [] } }));
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        this.run();
        schedule(config.train.everyMs);
      }, ms);
      this.timer.unref();
    };
    schedule(firstAfterMs);
  }

  private run(): void {
    if (this.child) return; // the last one is still training
    // The same Node, loader flags (tsx in development) and entry script as this process.
    const args = [...process.execArgv, process.argv[1]!, 'train', '-c', this.configFile];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => {
      this.child = null;
      const first = output.trim().split('\n')[0] ?? '';
      this.report(code === 0 ? `trainer: ${first}` : `trainer failed (exit ${code}): ${output.trim()}`);
    });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill('SIGTERM');
  }
}
