// Fusion weights of the candidate sources, chosen on a validation split carved from the msr TRAIN
// part of ml-100k (train -> train' + valid, per-user stratified 75/25, seed 7, as for the models
// in bench/results/models-ml100k.md); the test part is never read. The scratch engine is fitted
// once and every weight combination is scored against it.
// Usage: npx tsx bench/recall/tune-fusion.ts [path to ml-100k]
import { evaluateModel, loadDataset, splitByProtocol, stratifiedSplitParts } from '../../src/eval/index.js';
import { SourcesRecommender } from '../../src/eval/sources-recommender.js';

const data = loadDataset(process.argv[2] ?? '../shared/datasets/ml-100k');
const { train } = splitByProtocol(data, 'msr', 42);
const [subTrain, valid] = stratifiedSplitParts(train, { ratio: 0.75, seed: 7 });
const split = { train: subTrain!, test: valid! };

const model = new SourcesRecommender();
model.fit(split.train);
const grid = {
  embedding: [1],
  coEngagement: [0, 0.1, 0.3],
  quality: [0, 0.1, 0.3],
  trending: [0, 0.1],
  content: [0, 0.1],
};
process.stdout.write(
  '| coEngagement | quality | trending | content | NDCG@10 | P@10 |\n|---|---|---|---|---|---|\n',
);
for (const coEngagement of grid.coEngagement)
  for (const quality of grid.quality)
    for (const trending of grid.trending)
      for (const content of grid.content) {
        model.weights = { embedding: 1, coEngagement, quality, trending, content, fresh: 0, following: 0 };
        const r = evaluateModel(model, split, { k: 10 }); // fitted once: the same train' is kept
        const row = `| ${coEngagement} | ${quality} | ${trending} | ${content} | ${r.ndcg.toFixed(4)} | ${r.precision.toFixed(4)} |`;
        process.stdout.write(`${row}\n`);
      }
model.close();
