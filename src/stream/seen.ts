// Keeps the seen-sets of cached users current as events arrive. Its state is derived from the
// log itself, so there is nothing to write: the offset commit only tracks progress.
import type { LogRecord } from '../log/index.js';
import type { SeenStore } from '../store/index.js';
import type { Processor } from './processor.js';

export class SeenProcessor implements Processor {
  readonly group = 'seen';

  constructor(private readonly seen: SeenStore) {}

  process(records: readonly LogRecord[]): () => void {
    return () => {
      for (const { event } of records) if (event.itemId) this.seen.add(event.userId, event.itemId);
    };
  }
}
