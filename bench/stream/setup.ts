// Shared by the stream benchmarks: an engine (processors not started) in `dataDir` holding a
// simulated catalog of `videos` videos by videos / 20 creators, labelled as a serving engine has it.
import { parseConfig } from '../../src/core/index.js';
import { Engine } from '../../src/engine/index.js';
import { generateWorld } from '../../src/sim/index.js';

export interface BenchCatalog {
  engine: Engine;
  itemIds: string[];
  creatorOf: Map<string, string>;
}

/** `now` is the simulated world's present: its videos were uploaded before it. */
export function engineWithCatalog(dataDir: string, videos: number, now: number): BenchCatalog {
  const engine = new Engine(parseConfig({ dataDir }), { startProcessors: false });
  const world = generateWorld({ seed: 1, videos, creators: Math.max(10, videos / 20), now });
  for (let i = 0; i < world.creators.length; i += 1000)
    engine.ingestor.upsertCreators(world.creators.slice(i, i + 1000));
  for (let i = 0; i < world.items.length; i += 1000)
    engine.ingestor.upsertItems(world.items.slice(i, i + 1000));
  engine.maintain(); // content labels, as a serving engine has them
  return {
    engine,
    itemIds: world.items.map((v) => v.id),
    creatorOf: new Map(world.items.map((v) => [v.id, v.creatorId])),
  };
}
