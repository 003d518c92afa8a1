// What the re-rank rules read of the items' lifetime counters: ItemStatsStore's columns, by catalog
// ordinal, so a rule reads each candidate's counts from contiguous arrays instead of looking its id up.
import type { ItemStatColumns } from '../store/index.js';

export interface CounterView {
  columns(): Pick<ItemStatColumns, 'length' | 'impressions' | 'plays' | 'completions' | 'likes'>;
}
