// The packed time-major layout of a batch of sequences of different lengths, as PyTorch's PackedSequence:
// sequences sorted longest first, step t holds the rows off_t … off_t + batchSizes[t] − 1 (off_t = Σ_{s<t}
// batchSizes[s]), row off_t + k being step t of the k-th longest sequence, which exists while
// k < batchSizes[t]. A recurrence then computes each sequence's own steps only, not the longest one's, and
// step t's previous states are the first batchSizes[t] rows of step t − 1. Equal lengths (every batchSizes[t]
// = B) are the plain time-major layout, row t·B + b.
// B = sequences, T = steps of the longest, P = Σ batchSizes = Σ lengths (packed rows).

/** batchSizes (T) when all B sequences run T steps. */
export function uniformBatchSizes(T: number, B: number): Int32Array {
  return new Int32Array(T).fill(B);
}

/** Rows of the first `steps` steps of a packing (all of them by default): off[steps], without an array. */
export function packedRows(batchSizes: Int32Array, steps = batchSizes.length): number {
  let P = 0;
  for (let t = 0; t < steps; t++) P += batchSizes[t];
  return P;
}

/** Row offsets (T + 1) of a packing: off[t] = Σ_{s<t} batchSizes[s], off[T] = P. */
export function packedOffsets(batchSizes: Int32Array): Int32Array {
  const off = new Int32Array(batchSizes.length + 1);
  for (let t = 0; t < batchSizes.length; t++) off[t + 1] = off[t] + batchSizes[t];
  return off;
}

/** Throws unless batchSizes is a non-empty, non-increasing list of positive row counts. */
export function checkBatchSizes(batchSizes: Int32Array): void {
  let ok = batchSizes.length > 0;
  for (let t = 0; t < batchSizes.length && ok; t++) ok = batchSizes[t] > 0 && (t === 0 || batchSizes[t] <= batchSizes[t - 1]);
  if (!ok) throw new RangeError(`packed batch sizes must be positive and non-increasing, got [${Array.from(batchSizes).join(', ')}]`);
}

/** A packing of sequences of the given lengths (B, each ≥ 1): its batchSizes (T) and each sequence's
 * position k in it (B; longest first, equal lengths in their given order). */
export function packLengths(lengths: Int32Array): { batchSizes: Int32Array; position: Int32Array } {
  const B = lengths.length, order = Array.from({ length: B }, (_, b) => b).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const position = new Int32Array(B);
  order.forEach((b, k) => { position[b] = k; });
  const batchSizes = new Int32Array(B === 0 ? 0 : lengths[order[0]]);
  for (const b of order) for (let t = 0; t < lengths[b]; t++) batchSizes[t]++;
  return { batchSizes, position };
}
