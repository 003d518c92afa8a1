import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import { registerExperiment } from './experiment.js';

const dir = mkdtempSync(join(tmpdir(), 'foryou-experiment-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');

/** Runs `foryou experiment ...args` and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('foryou').exitOverride();
  registerExperiment(program);
  let printed = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'foryou', 'experiment', ...args, '--data-dir', dataDir]);
  } finally {
    spy.mockRestore();
  }
  return printed;
}

describe('foryou experiment', () => {
  it('refuses a bad definition naming the field, then creates, starts, reports and stops one a server serves', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        id: 'x',
        arms: [{ name: 'a' }, { name: 'b', overrides: { 'feed.weights.trendy': 1 } }],
      }),
    );
    await expect(run('create', bad)).rejects.toThrow(
      /arms\[1\]\.overrides\.feed\.weights\.trendy: Unknown parameter/,
    );
    const shape = join(dir, 'shape.json');
    writeFileSync(shape, JSON.stringify({ id: 'x', arms: [{ name: 'a' }] }));
    await expect(run('create', shape)).rejects.toThrow(/arms: /);
    expect(await run('list')).toBe('no experiments\n');

    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        id: 'blend',
        layer: 'ranking',
        traffic: 50,
        arms: [
          { name: 'control' },
          { name: 'heavier-trending', overrides: { 'feed.weights.trending': 0.9 } },
        ],
      }),
    );
    expect(await run('create', good)).toMatch(/^blend {2}draft {2}layer ranking, 50% \(buckets 0-5000\)/);
    expect(await run('start', 'blend')).toMatch(/blend {2}running/);
    await expect(run('start', 'blend')).rejects.toThrow(/is running; only a draft one can be started/);

    // A server over the same directory serves the arm's configuration.
    const engine = new Engine(parseConfig({ dataDir }), { startProcessors: false });
    try {
      const assigned = Array.from({ length: 200 }, (_, i) => engine.experiments.assign(`u${i}`)).filter(
        (a) => a.length > 0,
      );
      expect(assigned.length).toBeGreaterThan(70);
      expect(assigned.length).toBeLessThan(130);
      const arm = assigned.find((a) => a[0]!.arm === 'heavier-trending')!;
      expect(engine.experiments.configFor(arm).config.feed.weights.trending).toBe(0.9);
    } finally {
      engine.close();
    }

    const results = await run('results', 'blend');
    expect(results).toMatch(/users: control 0 \(expected 50\.0%\), heavier-trending 0/);
    expect(results).toMatch(/watch_time: seconds watched per user per day/);
    expect(JSON.parse(await run('results', 'blend', '--json'))).toMatchObject({
      experiment: 'blend',
      status: 'running',
    });
    await expect(run('results', 'blend', '--mde', '0')).rejects.toThrow(
      /--mde: expected a number > 0, got 0/,
    );
    expect(await run('stop', 'blend')).toMatch(/blend {2}stopped/);
    expect(await run('parameters')).toMatch(/^feed\.sources\.trending\.enabled {2}boolean {2}default true$/m);
  });
});
