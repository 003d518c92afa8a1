// `foryou demo`: a synthetic short-video world (the simulator's) in a data directory of its own,
// served with a few simulated users watching in the background, so the system is alive at once.
import type { Command } from 'commander';
import { generateWorld, startBackgroundUsers } from '../../sim/index.js';
import { addServerFlags, configFromFlags, intFlag, type ServerFlags } from '../options.js';
import { runServer } from '../run-server.js';

interface DemoFlags extends ServerFlags {
  videos: string;
  creators: string;
  users: string;
  seed: string;
}

const DEMO_DATA_DIR = './data/demo';

export function registerDemo(program: Command): void {
  addServerFlags(
    program
      .command('demo')
      .description('create a synthetic catalog and serve it, with simulated users in the background')
      .option('--videos <n>', 'videos in the synthetic catalog', '10000')
      .option('--creators <n>', 'creators in the synthetic catalog', '500')
      .option('--users <n>', 'simulated users watching in the background (0 for none)', '8')
      .option('--seed <n>', 'seed of the synthetic world', '1'),
    DEMO_DATA_DIR,
  ).action(async (flags: DemoFlags) => {
    const videos = intFlag('videos', flags.videos);
    const creators = intFlag('creators', flags.creators);
    const users = intFlag('users', flags.users, 0);
    const seed = intFlag('seed', flags.seed, 0);
    const config = configFromFlags(flags, DEMO_DATA_DIR);
    // The demo learns as its simulated users watch: retrain the embedding model every minute.
    config.train.everyMs ||= 60_000;
    const world = generateWorld({ seed, videos, creators, now: Date.now() });
    const server = await runServer(config, 'foryou demo');
    const { engine } = server;
    if (engine.catalog.size === 0) {
      const batch = config.ingest.maxBatch;
      for (let i = 0; i < world.creators.length; i += batch) {
        engine.ingestor.upsertCreators(world.creators.slice(i, i + batch));
      }
      for (let i = 0; i < world.items.length; i += batch)
        engine.ingestor.upsertItems(world.items.slice(i, i + batch));
      process.stdout.write(`  created ${world.items.length} videos from ${world.creators.length} creators\n`);
      // An experiment running from the start, so the dashboard's experiment panel has something to
      // show: does leaning on the learned ranker harder raise watch time? (docs/EXPERIMENTS.md)
      const now = engine.clock.now();
      engine.experiments.create(
        {
          id: 'demo-ranker-weight',
          name: 'The learned ranker weighs more in the score',
          arms: [{ name: 'control' }, { name: 'heavier', overrides: { 'learner.scoreWeight': 4 } }],
        },
        now,
      );
      engine.experiments.start('demo-ranker-weight', now);
      process.stdout.write(
        `  started experiment demo-ranker-weight (foryou experiment results demo-ranker-weight)\n`,
      );
    }
    if (users > 0) {
      const background = startBackgroundUsers({ engine, world, users, seed });
      server.onStop(() => background.stop());
      process.stdout.write(`  ${users} simulated users are watching in the background\n`);
    }
    process.stdout.write(`  feed: ${server.url}/   dashboard: ${server.url}/admin\n`);
    process.stdout.write(`  try: curl '${server.url}/v1/feed?user=me&n=5'\n`);
  });
}
