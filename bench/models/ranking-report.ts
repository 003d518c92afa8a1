// Scores of the ranking benchmark (ranking.ts): per head AUC, GAUC and log loss, and the blended
// score's pairwise order against observed watch time; and the markdown table of a run.
import { auc, concordance, gauc, logloss } from '../../src/eval/metrics/index.js';
import {
  DEFAULT_HEAD_WEIGHTS,
  HEADS,
  blend,
  type Head,
  type HeadScores,
  type HeadPredictions,
  type LabelledExample,
} from '../../src/models/index.js';

/** What the evaluation needs of a test sample besides the model's inputs. */
export interface TestSample extends LabelledExample {
  /** Dense user index, for GAUC. */
  readonly user: number;
  /** Observed watch time (watch ratio with loops, up to 3, times the duration). */
  readonly watchMs: number;
  readonly durationMs: number;
}

export interface HeadScore {
  /** For the watch head, the concordance with the (capped) watch ratio: the AUC of a graded target. */
  auc: number;
  gauc: number;
  /** Null for a score that is not a probability. */
  logloss: number | null;
}

export interface ModelScore {
  model: string;
  fitSeconds: number | null;
  predictSeconds: number | null;
  heads: Record<Head, HeadScore>;
  /** The final score (`blend`, DEFAULT_HEAD_WEIGHTS, watch-time term included) against watch ms: overall and per user. */
  watchTime: { concordance: number; perUser: number };
}

const round = (x: number) => Number(x.toFixed(4));

export function scoreModel(
  model: string,
  test: readonly TestSample[],
  predicted: HeadPredictions,
  probabilities: boolean,
  seconds: { fit: number; predict: number } | null,
): ModelScore {
  const users = Int32Array.from(test, (s) => s.user);
  const heads = {} as Record<Head, HeadScore>;
  for (const head of HEADS) {
    const labels = Float64Array.from(test, (s) => s.labels[head]);
    const p = predicted[head];
    const graded = head === 'watch';
    heads[head] = {
      auc: round(graded ? concordance(labels, p) : auc(labels, p)),
      gauc: round(graded ? gauc(users, labels, p, concordance) : gauc(users, labels, p)),
      logloss: probabilities ? round(logloss(labels, p)) : null,
    };
  }
  const blended = Float64Array.from(test, (s, i) => {
    const scores = {} as HeadScores;
    for (const head of HEADS) scores[head] = predicted[head][i]!;
    return blend(scores, DEFAULT_HEAD_WEIGHTS, s.durationMs);
  });
  // a reference row's one score stands for every head: blending would only rescale it
  const score = probabilities ? blended : predicted.finish;
  const watchMs = Float64Array.from(test, (s) => s.watchMs);
  return {
    model,
    fitSeconds: seconds ? Number(seconds.fit.toFixed(2)) : null,
    predictSeconds: seconds ? Number(seconds.predict.toFixed(3)) : null,
    heads,
    watchTime: {
      concordance: round(concordance(watchMs, score)),
      perUser: round(gauc(users, watchMs, score, concordance)),
    },
  };
}

const f = (x: number | null) => (x === null ? '–' : x.toFixed(4));

/** The tables of a run, as markdown. */
export function markdownTables(scores: readonly ModelScore[]): string {
  const lines: string[] = [];
  lines.push('| model | fit s | ' + HEADS.map((h) => `${h} AUC / GAUC`).join(' | ') + ' |');
  lines.push('|---|---|' + HEADS.map(() => '---').join('|') + '|');
  for (const s of scores)
    lines.push(
      `| ${s.model} | ${s.fitSeconds ?? '–'} | ` +
        HEADS.map((h) => `${f(s.heads[h].auc)} / ${f(s.heads[h].gauc)}`).join(' | ') +
        ' |',
    );
  lines.push('');
  lines.push(
    '| model | ' + HEADS.map((h) => `${h} logloss`).join(' | ') + ' | blend vs watch ms | per user |',
  );
  lines.push('|---|' + HEADS.map(() => '---').join('|') + '|---|---|');
  for (const s of scores)
    lines.push(
      `| ${s.model} | ` +
        HEADS.map((h) => f(s.heads[h].logloss)).join(' | ') +
        ` | ${f(s.watchTime.concordance)} | ${f(s.watchTime.perUser)} |`,
    );
  return lines.join('\n');
}
