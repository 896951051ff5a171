// Layout ops: reshape (a view), column and row concatenation, slices, and rows taken by index.
import { formatShape, size } from '../../lib/shape.ts';
import { copyRange } from '../../lib/kernels/copy.ts';
import { Tensor, empty, gradOf, record } from '../tensor.ts';

/** Same data, new shape of the same size. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  if (size(shape) !== x.size) throw new RangeError(`reshape: cannot view ${formatShape(x.shape)} as ${formatShape(shape)}`);
  const view = new Tensor(x.data, shape);
  return record(view, [x], (dOut) => {
    const dx = gradOf(x)!;
    for (let i = 0; i < dx.length; i++) dx[i] += dOut[i];
  });
}

/** [(R, C0), (R, C1), …] -> (R, ΣC) */
export function concatCols(parts: readonly Tensor[]): Tensor {
  if (parts.length === 0) throw new RangeError('concatCols: nothing to concatenate');
  const R = parts[0].shape[0];
  let total = 0;
  for (const p of parts) {
    if (p.shape.length !== 2 || p.shape[0] !== R) throw new RangeError(`concatCols: part ${formatShape(p.shape)} does not have ${R} rows`);
    total += p.shape[1];
  }
  const out = empty([R, total]);
  let offset = 0;
  for (const p of parts) {
    const C = p.shape[1];
    for (let r = 0; r < R; r++) copyRange(out.data, r * total + offset, p.data, r * C, C);
    offset += C;
  }
  return record(out, parts, (dOut) => {
    let at = 0;
    for (const p of parts) {
      const C = p.shape[1], dp = gradOf(p);
      if (dp !== null) for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) dp[r * C + c] += dOut[r * total + at + c];
      at += C;
    }
  });
}

/** (R, C) -> (R, end − start): columns [start, end). */
export function sliceCols(x: Tensor, start: number, end: number): Tensor {
  const [R, C] = x.shape;
  if (x.shape.length !== 2 || !(0 <= start && start <= end && end <= C)) {
    throw new RangeError(`sliceCols: columns [${start}, ${end}) of ${formatShape(x.shape)}`);
  }
  const W = end - start;
  const out = empty([R, W]);
  for (let r = 0; r < R; r++) copyRange(out.data, r * W, x.data, r * C + start, W);
  return record(out, [x], (dOut) => {
    const dx = gradOf(x)!;
    for (let r = 0; r < R; r++) for (let c = 0; c < W; c++) dx[r * C + start + c] += dOut[r * W + c];
  });
}

/** (R, C) -> (end − start, C): rows [start, end). */
export function sliceRows(x: Tensor, start: number, end: number): Tensor {
  const [R, C] = x.shape;
  if (x.shape.length !== 2 || !(0 <= start && start <= end && end <= R)) {
    throw new RangeError(`sliceRows: rows [${start}, ${end}) of ${formatShape(x.shape)}`);
  }
  const out = empty([end - start, C]);
  copyRange(out.data, 0, x.data, start * C, (end - start) * C);
  return record(out, [x], (dOut) => {
    const dx = gradOf(x)!;
    for (let i = 0; i < dOut.length; i++) dx[start * C + i] += dOut[i];
  });
}

/** [(R0, C), (R1, C), …] -> (ΣR, C) */
export function concatRows(parts: readonly Tensor[]): Tensor {
  if (parts.length === 0) throw new RangeError('concatRows: nothing to concatenate');
  const C = parts[0].shape[1];
  let rows = 0;
  for (const p of parts) {
    if (p.shape.length !== 2 || p.shape[1] !== C) throw new RangeError(`concatRows: part ${formatShape(p.shape)} does not have ${C} columns`);
    rows += p.shape[0];
  }
  const out = empty([rows, C]);
  let at = 0;
  for (const p of parts) {
    out.data.set(p.data, at);
    at += p.size;
  }
  return record(out, parts, (dOut) => {
    let from = 0;
    for (const p of parts) {
      const dp = gradOf(p);
      if (dp !== null) for (let i = 0; i < p.size; i++) dp[i] += dOut[from + i];
      from += p.size;
    }
  });
}

/** (R0, C), rows (R) -> (R, C): row r is x[rows[r]] (a row may be taken several times; its gradients add up). */
export function takeRows(x: Tensor, rows: Int32Array): Tensor {
  const [R0, C] = x.shape;
  if (x.shape.length !== 2) throw new RangeError(`takeRows: expected a matrix, got ${formatShape(x.shape)}`);
  for (let r = 0; r < rows.length; r++) {
    if (!(rows[r] >= 0 && rows[r] < R0)) throw new RangeError(`takeRows: row ${rows[r]} at output ${r} is outside [0, ${R0})`);
  }
  const out = empty([rows.length, C]);
  for (let r = 0; r < rows.length; r++) copyRange(out.data, r * C, x.data, rows[r] * C, C);
  return record(out, [x], (dOut) => {
    const dx = gradOf(x)!;
    for (let r = 0; r < rows.length; r++) for (let c = 0; c < C; c++) dx[rows[r] * C + c] += dOut[r * C + c];
  });
}
