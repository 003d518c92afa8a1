// Young-generation collections while no request is in flight.
//
// V8 collects its young generation when it fills, which under load is in the middle of a feed: the
// scavenge then copies everything that feed has built so far (a thousand candidates with their
// features, about 3 MB), pauses for several milliseconds and promotes nearly all of it to the old
// generation, where it dies at once and brings the next full collection closer. The same collection
// run between requests copies only what outlives requests (caches filling, buffers awaiting their
// flush): 1.5 ms at p50 in the HTTP benchmark (bench/results), and no request waits for it. So once
// the last request in flight has finished and the young generation is half full, this collects it,
// before a request has to.
import { runInNewContext } from 'node:vm';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { FastifyInstance } from 'fastify';

type Collect = (options: { type: 'minor' }) => void;

/**
 * V8's `gc()`. A server is started as `foryou serve`, not with `--expose-gc`, so the flag is set
 * now, and `gc` is read from a context created after it (the main one was made without it).
 */
function collector(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Collect;
}

/**
 * The young generation's fill, of what it can hold before a scavenge: used over used plus
 * available (its `space_size` counts both semi-spaces, of which one is always empty).
 */
export function youngFill(): number {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!young) return 0;
  const capacity = young.space_used_size + young.space_available_size;
  return capacity > 0 ? young.space_used_size / capacity : 0;
}

export interface IdleCollectionStats {
  /** Young-generation collections run between requests, and the time they took. */
  collections: number;
  ms: number;
}

export class IdleCollector {
  private readonly collect = collector();
  private inFlight = 0;
  private scheduled = false;
  readonly stats: IdleCollectionStats = { collections: 0, ms: 0 };

  constructor(
    /**
     * How full the young generation must be to be worth collecting, of what it can hold before V8
     * collects it itself (a feed at 100,000 videos allocates about 2.3 MB of 16 MB).
     */
    private readonly minFill = 0.5,
  ) {}

  /** Counts the app's requests in and out; a response's socket close counts also for aborts. */
  instrument(app: FastifyInstance): void {
    app.addHook('onRequest', async (_request, reply) => {
      this.requestStarted();
      reply.raw.once('close', () => this.requestEnded());
    });
  }

  requestStarted(): void {
    this.inFlight++;
  }

  /** When it was the last one in flight, a collection is considered once queued I/O has run. */
  requestEnded(): void {
    this.inFlight--;
    if (this.inFlight === 0 && !this.scheduled) {
      this.scheduled = true;
      // After the I/O callbacks already queued: a request that has arrived meanwhile goes first.
      setImmediate(() => this.collectIfIdle());
    }
  }

  private collectIfIdle(): void {
    this.scheduled = false;
    if (this.inFlight > 0) return;
    if (youngFill() < this.minFill) return;
    const t0 = performance.now();
    this.collect({ type: 'minor' });
    this.stats.collections++;
    this.stats.ms += performance.now() - t0;
  }
}
