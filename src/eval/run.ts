// The whole offline evaluation as one call: load, split, fit and evaluate each model, and
// present the results as a table. `foryou eval` is a thin shell over this.
import { createBaseline } from '../models/index.js';
import { evaluateModel, type EvaluationResult } from './evaluate.js';
import type { Interactions } from './interactions.js';
import { loadDataset } from './loaders/index.js';
import { splitByProtocol, type Protocol } from './protocols.js';

export interface RunOptions {
  data: string | Interactions;
  protocol: Protocol;
  models: string[];
  k: number;
  seed: number;
  relevantMinRating?: number;
  neighbours?: number;
  onStage?: (stage: string) => void;
  onProgress?: (model: string, done: number, total: number) => void;
}

export interface RunReport {
  dataset: { source: string; format: string; users: number; items: number; interactions: number };
  protocol: Protocol;
  seed: number;
  k: number;
  split: { train: number; valid?: number; test: number };
  results: EvaluationResult[];
}

export function runEvaluation(options: RunOptions): RunReport {
  options.onStage?.('loading data');
  const data = typeof options.data === 'string' ? loadDataset(options.data) : options.data;
  options.onStage?.(`splitting (${options.protocol})`);
  const split = splitByProtocol(data, options.protocol, options.seed);
  const results: EvaluationResult[] = [];
  for (const name of options.models) {
    const model = createBaseline(name, {
      seed: options.seed,
      ...(options.neighbours === undefined ? {} : { neighbours: options.neighbours }),
    });
    options.onStage?.(`fitting ${name}`);
    results.push(
      evaluateModel(model, split, {
        k: options.k,
        ...(options.relevantMinRating === undefined ? {} : { relevantMinRating: options.relevantMinRating }),
        onProgress: (done, total) => options.onProgress?.(name, done, total),
      }),
    );
  }
  return {
    dataset: {
      source: data.source,
      format: data.format,
      users: data.nUsers,
      items: data.nItems,
      interactions: data.length,
    },
    protocol: options.protocol,
    seed: options.seed,
    k: options.k,
    split: {
      train: split.train.length,
      ...(split.valid ? { valid: split.valid.length } : {}),
      test: split.test.length,
    },
    results,
  };
}

/** A Markdown table: one row per model. */
export function formatResultsTable(report: RunReport): string {
  const k = report.k;
  const header = ['model', 'MAP', `MAP@${k}`, `NDCG@${k}`, `Precision@${k}`, `Recall@${k}`, `Hit@${k}`, `MRR@${k}`,
    'coverage', 'novelty', 'ILD', 'users', 'fit s', 'eval s']; // prettier-ignore
  const f4 = (x: number) => x.toFixed(4);
  const rows = report.results.map((r) => [
    r.model, f4(r.map), f4(r.mapAtK), f4(r.ndcg), f4(r.precision), f4(r.recall), f4(r.hit), f4(r.mrr),
    f4(r.coverage), r.novelty.toFixed(3), f4(r.diversity), String(r.users), r.fitSeconds.toFixed(2), r.evalSeconds.toFixed(2),
  ]); // prettier-ignore
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
