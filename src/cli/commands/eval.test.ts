import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ModelRegistry, modelFromArtifact } from '../../models/index.js';
import { modelOptionsFromFlags, registerEval } from './eval.js';

const dir = mkdtempSync(join(tmpdir(), 'foryou-eval-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `foryou eval <args>` in this process; returns what it printed. */
async function runEval(args: string[]): Promise<string> {
  const program = new Command('foryou').exitOverride();
  registerEval(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'foryou', 'eval', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('foryou eval model flags', () => {
  it('maps each flag onto the model options', () => {
    expect(modelOptionsFromFlags({})).toEqual({});
    expect(
      modelOptionsFromFlags({
        easeLambda: '250.5',
        ialsFactors: '16',
        ialsReg: '0',
        ialsAlpha: '1.5',
        ialsIterations: '4',
        bprFactors: '8',
        bprEpochs: '3',
        bprLr: '0.01',
        bprReg: '0.002',
        knnNeighbours: '50',
      }),
    ).toEqual({
      neighbours: 50,
      easeLambda: 250.5,
      ials: { factors: 16, lambda: 0, alpha: 1.5, iterations: 4 },
      bpr: { factors: 8, epochs: 3, learningRate: 0.01, regUser: 0.002, regItem: 0.002 },
    });
    expect(modelOptionsFromFlags({ neighbours: '7' })).toEqual({ neighbours: 7 });
  });

  it('rejects bad values naming the flag', () => {
    const bad: [Parameters<typeof modelOptionsFromFlags>[0], string][] = [
      [{ easeLambda: '0' }, '--ease-lambda: expected a number > 0, got 0'],
      [{ easeLambda: 'lots' }, '--ease-lambda: expected a number > 0, got lots'],
      [{ ialsFactors: '2.5' }, '--ials-factors: expected a whole number >= 1, got 2.5'],
      [{ ialsReg: '-1' }, '--ials-reg: expected a number >= 0, got -1'],
      [{ ialsAlpha: '' }, '--ials-alpha: expected a number >= 0, got '],
      [{ ialsIterations: '0' }, '--ials-iterations: expected a whole number >= 1, got 0'],
      [{ bprFactors: 'x' }, '--bpr-factors: expected a whole number >= 1, got x'],
      [{ bprEpochs: '-3' }, '--bpr-epochs: expected a whole number >= 1, got -3'],
      [{ bprLr: '0' }, '--bpr-lr: expected a number > 0, got 0'],
      [{ bprReg: 'Infinity' }, '--bpr-reg: expected a number >= 0, got Infinity'],
      [{ knnNeighbours: '0' }, '--knn-neighbours: expected a whole number >= 1, got 0'],
    ];
    for (const [flags, message] of bad) expect(() => modelOptionsFromFlags(flags)).toThrow(message);
  });

  it('trains with the flags and registers every model with --save-dir', async () => {
    // 30 users, 12 items: users of the first half like items 0-5, the others 6-11
    const lines: string[] = [];
    for (let u = 0; u < 30; u++)
      for (let t = 0; t < 5; t++)
        lines.push(`user${u}\tvideo${(u < 15 ? 0 : 6) + ((u + t) % 6)}\t${1 + (t % 5)}`);
    const data = join(dir, 'ratings.tsv');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const saveDir = join(dir, 'models');
    const args = ['--data', data, '--models', 'most-popular,ease,ials,bpr,item-knn', '--save-dir', saveDir];
    const flags = [
      '--ease-lambda',
      '5',
      '--ials-factors',
      '3',
      '--ials-iterations',
      '2',
      '--bpr-factors',
      '4',
    ];
    const out = await runEval([...args, ...flags, '--bpr-epochs', '5', '--knn-neighbours', '3', '--json']);
    const report = JSON.parse(out) as {
      saved: { name: string; version: number }[];
      results: { model: string }[];
    };
    expect(report.results.map((r) => r.model)).toEqual(['most-popular', 'ease', 'ials', 'bpr', 'item-knn']);
    expect(report.saved.map((s) => [s.name, s.version])).toEqual([
      ['most-popular', 1],
      ['ease', 1],
      ['ials', 1],
      ['bpr', 1],
      ['item-knn', 1],
    ]);
    const registry = new ModelRegistry(saveDir);
    const ials = registry.load('ials');
    expect(ials.artifact.options).toMatchObject({ factors: 3, iterations: 2, seed: 42 });
    expect(ials.artifact.itemIds).toContain('video0');
    expect(ials.artifact.userIds[0]).toBe('user0');
    expect(ials.meta.metrics['ndcg@10']).toBeGreaterThan(0);
    expect(ials.meta.dataSummary).toMatchObject({ protocol: 'msr', seed: 42, users: 30, items: 12 });
    expect(registry.load('ease').artifact.options).toEqual({ lambda: 5 });
    expect(registry.load('bpr').artifact.options).toMatchObject({ factors: 4, epochs: 5 });
    expect(registry.load('item-knn').artifact.options).toEqual({ neighbours: 3 });
    expect(modelFromArtifact(registry.load('bpr').artifact).name).toBe('bpr');

    // the table form says where they went; a second run adds version 2
    const table = await runEval([...args, '--models', 'most-popular']);
    expect(table).toContain(`registered in ${saveDir}:\n  most-popular version 2`);
    await expect(runEval([...args, '--bpr-lr', '-1'])).rejects.toThrow(
      '--bpr-lr: expected a number > 0, got -1',
    );
  });
});
