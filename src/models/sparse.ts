// Compressed sparse rows of the binary user-item matrix: each row's column indices sorted and
// de-duplicated (a user who rated an item twice still "has" it once).
import type { TrainingData } from './types.js';

export interface SparseRows {
  readonly nRows: number;
  readonly offsets: Int32Array;
  readonly cols: Int32Array;
}

export function binaryRows(data: TrainingData, by: 'user' | 'item'): SparseRows {
  const rowKey = by === 'user' ? data.user : data.item;
  const colKey = by === 'user' ? data.item : data.user;
  const nRows = by === 'user' ? data.nUsers : data.nItems;
  const offsets = new Int32Array(nRows + 1);
  for (let r = 0; r < data.length; r++) offsets[rowKey[r]! + 1]!++;
  for (let i = 0; i < nRows; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, nRows);
  const raw = new Int32Array(data.length);
  for (let r = 0; r < data.length; r++) raw[fill[rowKey[r]!]!++] = colKey[r]!;
  const outOffsets = new Int32Array(nRows + 1);
  const cols = new Int32Array(data.length);
  let n = 0;
  for (let i = 0; i < nRows; i++) {
    const row = raw.subarray(offsets[i]!, offsets[i + 1]!).sort();
    for (let j = 0; j < row.length; j++) if (j === 0 || row[j] !== row[j - 1]) cols[n++] = row[j]!;
    outOffsets[i + 1] = n;
  }
  return { nRows, offsets: outOffsets, cols: cols.slice(0, n) };
}

export function rowOf(rows: SparseRows, i: number): Int32Array {
  return rows.cols.subarray(rows.offsets[i]!, rows.offsets[i + 1]!);
}
