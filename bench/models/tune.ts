// Hyperparameter search for ease and ials on a validation split carved from the msr TRAIN part of
// ml-100k: train -> (train', valid) by a second stratified 75/25 per-user split (seed 7). The
// test part is never read. Usage:
//   npx tsx bench/models/tune.ts ease 50,100,200,300,500,800,1200
//   npx tsx bench/models/tune.ts ials '[{"factors":32,"lambda":50,"alpha":2}]'
//   npx tsx bench/models/tune.ts bpr '[{"factors":128,"learningRate":0.03,"regBias":0}]'
import { evaluateModel, loadDataset, splitByProtocol, stratifiedSplitParts } from '../../src/eval/index.js';
import {
  BprRecommender,
  EaseRecommender,
  IalsRecommender,
  type BprOptions,
  type IalsOptions,
} from '../../src/models/index.js';

const data = loadDataset(process.env.ML100K ?? '../shared/datasets/ml-100k');
const { train } = splitByProtocol(data, 'msr', 42);
const [subTrain, valid] = stratifiedSplitParts(train, { ratio: 0.75, seed: 7 });
const split = { train: subTrain!, test: valid! };
const fmt = (r: { ndcg: number; precision: number; map: number; fitSeconds: number }) =>
  `ndcg ${r.ndcg.toFixed(4)} prec ${r.precision.toFixed(4)} map ${r.map.toFixed(4)} fit ${r.fitSeconds.toFixed(2)}s`;
if (process.argv[2] === 'ease') {
  for (const lambda of (process.argv[3] ?? '500').split(',').map(Number)) {
    console.log(
      `ease lambda=${lambda} ${fmt(evaluateModel(new EaseRecommender({ lambda }), split, { k: 10 }))}`,
    );
  }
} else if (process.argv[2] === 'bpr') {
  for (const o of JSON.parse(process.argv[3] ?? '[{}]') as BprOptions[]) {
    console.log(`bpr ${JSON.stringify(o)} ${fmt(evaluateModel(new BprRecommender(o), split, { k: 10 }))}`);
  }
} else {
  for (const o of JSON.parse(process.argv[3] ?? '[{}]') as IalsOptions[]) {
    console.log(`ials ${JSON.stringify(o)} ${fmt(evaluateModel(new IalsRecommender(o), split, { k: 10 }))}`);
  }
}
