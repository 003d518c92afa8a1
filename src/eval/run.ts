// The whole offline evaluation as one call: load, split, fit and evaluate each model (and, when
// asked, register each trained model in a model registry), and present the results as a table.
// `foryou eval` is a thin shell over this.
import {
  ModelRegistry,
  createModel,
  isSerializable,
  trainingSummary,
  type ModelOptions,
  type RegisteredVersion,
} from '../models/index.js';
import { evaluateModel, type EvaluationResult } from './evaluate.js';
import { SOURCES_MODEL, SourcesRecommender } from './sources-recommender.js';
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
  /** Options of the models (the seed comes from `seed`). */
  modelOptions?: Omit<ModelOptions, 'seed'>;
  /** Register every trained model in a ModelRegistry at this directory, under its model name. */
  saveDir?: string;
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
  /** The versions registered, when `saveDir` was given. */
  saved?: RegisteredVersion[];
}

/** The metrics of a result that are stored with a registered model. */
function registryMetrics(r: EvaluationResult): Record<string, number> {
  return {
    map: r.map,
    [`map@${r.k}`]: r.mapAtK,
    [`ndcg@${r.k}`]: r.ndcg,
    [`precision@${r.k}`]: r.precision,
    [`recall@${r.k}`]: r.recall,
    [`hit@${r.k}`]: r.hit,
    [`mrr@${r.k}`]: r.mrr,
    coverage: r.coverage,
    novelty: r.novelty,
    ild: r.diversity,
    users: r.users,
    fitSeconds: r.fitSeconds,
  };
}

export function runEvaluation(options: RunOptions): RunReport {
  options.onStage?.('loading data');
  const data = typeof options.data === 'string' ? loadDataset(options.data) : options.data;
  options.onStage?.(`splitting (${options.protocol})`);
  const split = splitByProtocol(data, options.protocol, options.seed);
  const results: EvaluationResult[] = [];
  const registry = options.saveDir === undefined ? undefined : new ModelRegistry(options.saveDir);
  const saved: RegisteredVersion[] = [];
  // every model is created before any is fitted, so a bad option fails before minutes of training
  const models = options.models.map((name) =>
    name === SOURCES_MODEL
      ? new SourcesRecommender()
      : createModel(name, { ...options.modelOptions, seed: options.seed }),
  );
  for (const model of models) {
    const name = model.name;
    options.onStage?.(`fitting ${name}`);
    const result = evaluateModel(model, split, {
      k: options.k,
      ...(options.relevantMinRating === undefined ? {} : { relevantMinRating: options.relevantMinRating }),
      onProgress: (done, total) => options.onProgress?.(name, done, total),
    });
    results.push(result);
    if (model instanceof SourcesRecommender) model.close(); // its scratch engine and directory
    if (registry && isSerializable(model)) {
      options.onStage?.(`registering ${name}`);
      const artifact = model.toArtifact({
        itemIds: data.itemIds,
        userIds: data.userIds,
        training: { ...trainingSummary(split.train), fitSeconds: result.fitSeconds },
      });
      saved.push(
        registry.register(name, artifact, {
          // training ended before the evaluation that just ran
          trainedAt: new Date(Date.now() - result.evalSeconds * 1000),
          metrics: registryMetrics(result),
          dataSummary: {
            source: data.source,
            format: data.format,
            protocol: options.protocol,
            seed: options.seed,
            k: options.k,
            users: data.nUsers,
            items: data.nItems,
            interactions: data.length,
            train: split.train.length,
            test: split.test.length,
          },
        }),
      );
    }
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
    ...(registry ? { saved } : {}),
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
