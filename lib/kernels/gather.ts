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
