// Shared by the benchmarks: start the built server as its own process (so the load generator does
// not share its event loop), describe the machine, and record results beside the code.
import type { Session } from 'node:inspector/promises';
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

export interface BenchServer {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  /** `--config <file>` when the server was started with a configuration, else nothing. */
  configArgs: string[];
  stop(): Promise<void>;
}

/** Starts the built server on port 0 with `env` and, when given, `config` as its JSON configuration file. */
export async function startServer(
  env: NodeJS.ProcessEnv = {},
  config?: Record<string, unknown>,
): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'foryou-bench-'));
  const configArgs: string[] = [];
  if (config) {
    const file = join(dataDir, 'bench-config.json');
    writeFileSync(file, JSON.stringify(config));
    configArgs.push('--config', file);
  }
  // FORYOU_BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.FORYOU_BENCH_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  // FORYOU_BENCH_TRACE_GC=1: the server's garbage collections are printed to stderr.
  if (process.env.FORYOU_BENCH_TRACE_GC) flags.push('--trace-gc');
  // FORYOU_BENCH_NODE_FLAGS="--max-semi-space-size=32 ...": more flags for the server's node.
  flags.push(...(process.env.FORYOU_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean));
  const proc = spawn(
    process.execPath,
    [...flags, CLI, 'serve', ...configArgs, '--port', '0', '--data-dir', dataDir],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      if (process.env.FORYOU_BENCH_TRACE_GC) process.stderr.write(c);
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    url,
    proc,
    dataDir,
    configArgs,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function machine(): Record<string, string | number> {
  let kernel = '';
  try {
    kernel = execSync('uname -sr').toString().trim();
  } catch {
    kernel = process.platform;
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel,
    date: new Date().toISOString(),
    // other jobs share the machine: the 1, 5 and 15 minute load averages when the result was written
    loadAverage: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

export function record(name: string, result: Record<string, unknown>): void {
  const path = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(path, JSON.stringify({ machine: machine(), ...result }, null, 2) + '\n');
  process.stdout.write(`recorded ${path}\n`);
}

export async function postJson(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Percentiles (nearest rank) and mean of latencies in ms, rounded to `digits` decimals. */
export function latencySummary(values: ArrayLike<number>, digits = 3): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const round = (x: number) => Number(x.toFixed(digits));
  const at = (q: number) => round(sorted[Math.min(n - 1, Math.floor(q * n))]!);
  let sum = 0;
  for (const x of sorted) sum += x;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1), mean: round(sum / n) };
}

/**
 * Runs `work` under V8's CPU profiler (node:inspector) and writes the profile to `file` (open it in
 * Chrome's DevTools), so a benchmark can profile its timed part alone, without its setup.
 */
export function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  return inspected(file, work, 'CPU profile', async (session) => {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return async () => (await session.post('Profiler.stop')).profile;
  });
}

/**
 * Runs `work` under V8's sampling heap profiler and writes where it allocated to `file` (a
 * .heapprofile for DevTools' Memory tab). Collected objects are kept in the samples: what a
 * benchmark's tail pays for is the garbage, not what stays alive.
 */
export function heapProfiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  return inspected(file, work, 'heap allocation profile', async (session) => {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return async () => (await session.post('HeapProfiler.stopSampling')).profile;
  });
}

/** Runs `work` between `start` and the stop it returns, and writes what the stop gave to `file`. */
async function inspected<T>(
  file: string | undefined,
  work: () => Promise<T>,
  what: string,
  start: (session: Session) => Promise<() => Promise<object>>,
): Promise<T> {
  if (!file) return work();
  const { Session: InspectorSession } = await import('node:inspector/promises');
  const session = new InspectorSession();
  session.connect();
  const stop = await start(session);
  try {
    return await work();
  } finally {
    writeFileSync(file, JSON.stringify(await stop()));
    session.disconnect();
    process.stdout.write(`${what} of the timed part: ${file}\n`);
  }
}

/** An `on` / `off` flag's value as a boolean; anything else stops the benchmark, naming the flag. */
export function onOff(flag: string, value: string | undefined): boolean {
  if (value !== 'on' && value !== 'off') throw new Error(`--${flag} is "on" or "off"`);
  return value === 'on';
}
