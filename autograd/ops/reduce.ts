// Differentiable reductions over the rows of a (R, C) tensor, plus gather.
import { gatherBackward, gatherForward, pickBackward, pickForward } from '../../lib/kernels/gather.ts';
import {
  logEpsMixtureBackward, logEpsMixtureForward, logsumexpRowsBackward, logsumexpRowsForward, maxRowsBackward, maxRowsForward,
  softmaxRowsBackward, softmaxRowsForward, sumRowsBackward, sumRowsForward,
} from '../../lib/kernels/reduce.ts';
import { formatShape } from '../../lib/shape.ts';
import { allocFloats, allocInts } from '../arena.ts';
import { Tensor, empty, gradOf, record, zeros } from '../tensor.ts';

function rowsCols(x: Tensor, op: string): [number, number] {
  if (x.shape.length !== 2) throw new RangeError(`${op}: expected a (rows, columns) tensor, got ${formatShape(x.shape)}`);
  return [x.shape[0], x.shape[1]];
}

/** (R, C) -> (R, 1): Σ over each row. */
export function sumRows(x: Tensor): Tensor {
  const [R, C] = rowsCols(x, 'sumRows');
  const out = empty([R, 1]);
  sumRowsForward(out.data, x.data, R, C);
  return record(out, [x], (dOut) => sumRowsBackward(gradOf(x)!, dOut, R, C));
}

/** Σ of all elements -> scalar. */
export function sum(x: Tensor): Tensor {
  const out = zeros([]);
  sumRowsForward(out.data, x.data, 1, x.size);
  return record(out, [x], (dOut) => sumRowsBackward(gradOf(x)!, dOut, 1, x.size));
}

/** Mean of all elements -> scalar. */
export function mean(x: Tensor): Tensor {
  const out = zeros([]);
  sumRowsForward(out.data, x.data, 1, x.size);
  out.data[0] /= x.size;
  return record(out, [x], (dOut) => {
    const dx = gradOf(x)!, d = dOut[0] / x.size;
    for (let i = 0; i < x.size; i++) dx[i] += d;
  });
}

/** (R, C) -> (R, 1): max over the columns allowed by mask (R, C) (null = all); gradient goes to the argmax. */
export function maxRows(x: Tensor, mask: Uint8Array | null = null): Tensor {
  const [R, C] = rowsCols(x, 'maxRows');
  const out = empty([R, 1]);
  const argmax = allocInts(R);
  maxRowsForward(out.data, argmax, x.data, mask, R, C);
  return record(out, [x], (dOut) => maxRowsBackward(gradOf(x)!, dOut, argmax, R, C));
}

/** Index of the max of each row among allowed columns (first on ties; -1 when none is allowed). Not differentiable. */
export function argmaxRows(x: Tensor, mask: Uint8Array | null = null): Int32Array {
  const [R, C] = rowsCols(x, 'argmaxRows');
  const values = allocFloats(R), argmax = allocInts(R);
  maxRowsForward(values, argmax, x.data, mask, R, C);
  return argmax;
}

/** Softmax of each row. */
export function softmaxRows(x: Tensor): Tensor {
  const [R, C] = rowsCols(x, 'softmaxRows');
  const out = empty([R, C]);
  softmaxRowsForward(out.data, x.data, R, C);
  return record(out, [x], (dOut) => softmaxRowsBackward(gradOf(x)!, dOut, out.data, R, C));
}

/** (R, C): log((1 − eps)·softmax(x) + eps / C) per row, computed in log space (the ε-mixture policy of Mac-IAICC). */
export function logEpsMixtureRows(x: Tensor, eps: number): Tensor {
  const [R, C] = rowsCols(x, 'logEpsMixtureRows');
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`logEpsMixtureRows: eps must lie in [0, 1], got ${eps}`);
  const out = empty([R, C]);
  logEpsMixtureForward(out.data, x.data, R, C, eps);
  return record(out, [x], (dOut) => logEpsMixtureBackward(gradOf(x)!, dOut, x.data, out.data, R, C, eps));
}

/** (R, C) -> (R, 1): log Σ exp over each row. */
export function logsumexpRows(x: Tensor): Tensor {
  const [R, C] = rowsCols(x, 'logsumexpRows');
  const out = empty([R, 1]);
  logsumexpRowsForward(out.data, x.data, R, C);
  return record(out, [x], (dOut) => logsumexpRowsBackward(gradOf(x)!, dOut, x.data, out.data, R, C));
}

/** (R, C), index (R) -> (R, 1): x[r, index[r]]. */
export function gather(x: Tensor, index: Int32Array): Tensor {
  const [R, C] = rowsCols(x, 'gather');
  if (index.length !== R) throw new RangeError(`gather: ${index.length} indices for ${R} rows`);
  const out = empty([R, 1]);
  gatherForward(out.data, x.data, index, R, C);
  return record(out, [x], (dOut) => gatherBackward(gradOf(x)!, dOut, index, R, C));
}

/** (R0, C), rows (R), cols (R) -> (R, 1): x[rows[r], cols[r]] (several outputs may pick the same row). */
export function pick(x: Tensor, rows: Int32Array, cols: Int32Array): Tensor {
  const [R0, C] = rowsCols(x, 'pick');
  if (rows.length !== cols.length) throw new RangeError(`pick: ${rows.length} rows but ${cols.length} columns`);
  const out = empty([rows.length, 1]);
  pickForward(out.data, x.data, rows, cols, R0, C);
  return record(out, [x], (dOut) => pickBackward(gradOf(x)!, dOut, rows, cols, C));
}
