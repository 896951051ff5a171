// Gather one column per row. R = rows, C = columns.

/** out (R) = inp (R, C)[r, index[r]] */
export function gatherForward(out: Float32Array, inp: Float32Array, index: Int32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const c = index[r];
    if (!(c >= 0 && c < C)) throw new RangeError(`gather: index ${c} at row ${r} is outside [0, ${C})`);
    out[r] = inp[r * C + c];
  }
}
/** dInp (R, C)[r, index[r]] += dOut (R)[r] */
export function gatherBackward(dInp: Float32Array, dOut: Float32Array, index: Int32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) dInp[r * C + index[r]] += dOut[r];
}

/** out (R) = inp (R0, C)[rows[r], cols[r]]: one element per output row, from any row of inp. */
export function pickForward(out: Float32Array, inp: Float32Array, rows: Int32Array, cols: Int32Array, R0: number, C: number): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r], col = cols[r];
    if (!(row >= 0 && row < R0 && col >= 0 && col < C)) throw new RangeError(`pick: (${row}, ${col}) at output ${r} is outside (${R0}, ${C})`);
    out[r] = inp[row * C + col];
  }
}
/** dInp (R0, C)[rows[r], cols[r]] += dOut (R)[r] */
export function pickBackward(dInp: Float32Array, dOut: Float32Array, rows: Int32Array, cols: Int32Array, C: number): void {
  for (let r = 0; r < rows.length; r++) dInp[rows[r] * C + cols[r]] += dOut[r];
}
