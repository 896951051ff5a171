// Row reductions over a (R, C) matrix, forward/backward pairs. R = rows, C = columns.
// Backward kernels ACCUMULATE into their gradient buffers.

/** out (R) = Σ_c inp (R, C) */
export function sumRowsForward(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    let acc = 0;
    for (let c = 0; c < C; c++) acc += inp[r * C + c];
    out[r] = acc;
  }
}
/** dInp (R, C) += dOut (R) broadcast along each row */
export function sumRowsBackward(dInp: Float32Array, dOut: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) dInp[r * C + c] += dOut[r];
}

/**
 * out (R) = max over the columns whose mask entry is nonzero (mask (R, C) or null = all),
 * argmax (R) = first column reaching it; a row with no allowed column gives -Infinity and -1.
 */
export function maxRowsForward(
  out: Float32Array, argmax: Int32Array, inp: Float32Array, mask: Uint8Array | null, R: number, C: number,
): void {
  for (let r = 0; r < R; r++) {
    let best = -Infinity, at = -1;
    for (let c = 0; c < C; c++) {
      const i = r * C + c;
      if (mask !== null && mask[i] === 0) continue;
      if (at < 0 || inp[i] > best) { best = inp[i]; at = c; }
    }
    out[r] = best;
    argmax[r] = at;
  }
}
/** dInp (R, C) += dOut (R) at each row's argmax column */
export function maxRowsBackward(dInp: Float32Array, dOut: Float32Array, argmax: Int32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) if (argmax[r] >= 0) dInp[r * C + argmax[r]] += dOut[r];
}

/** out (R, C) = softmax of each row of inp (R, C) */
export function softmaxRowsForward(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (inp[o + c] > max) max = inp[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(inp[o + c] - max);
      out[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < C; c++) out[o + c] /= sum;
  }
}
/** dInp (R, C) += out ⊙ (dOut − Σ_c dOut ⊙ out) */
export function softmaxRowsBackward(dInp: Float32Array, dOut: Float32Array, out: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const o = r * C;
    let dot = 0;
    for (let c = 0; c < C; c++) dot += dOut[o + c] * out[o + c];
    for (let c = 0; c < C; c++) dInp[o + c] += out[o + c] * (dOut[o + c] - dot);
  }
}

/** out (R) = log Σ_c exp(inp (R, C)) */
export function logsumexpRowsForward(out: Float32Array, inp: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (inp[o + c] > max) max = inp[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(inp[o + c] - max);
    out[r] = max + Math.log(sum);
  }
}
/** dInp (R, C) += dOut (R) · softmax(inp) */
export function logsumexpRowsBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, out: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) dInp[r * C + c] += dOut[r] * Math.exp(inp[r * C + c] - out[r]);
}

/** Row r's log-sum-exp of inp (R, C), computed stably. */
function rowLse(inp: Float32Array, r: number, C: number): number {
  let m = -Infinity;
  for (let c = 0; c < C; c++) m = Math.max(m, inp[r * C + c]);
  let s = 0;
  for (let c = 0; c < C; c++) s += Math.exp(inp[r * C + c] - m);
  return m + Math.log(s);
}

/**
 * out (R, C) = log((1 − eps)·softmax(inp) + eps / C) per row, in log space: log-softmax ℓ, then
 * logaddexp(ℓ + log(1 − eps), log(eps / C)) — finite for every eps in [0, 1] (eps = 0 is log-softmax).
 */
export function logEpsMixtureForward(out: Float32Array, inp: Float32Array, R: number, C: number, eps: number): void {
  const keep = Math.log(1 - eps), floor = Math.log(eps / C);
  for (let r = 0; r < R; r++) {
    const lse = rowLse(inp, r, C);
    for (let c = 0; c < C; c++) {
      const a = inp[r * C + c] - lse + keep, hi = Math.max(a, floor);
      out[r * C + c] = hi === -Infinity ? -Infinity : hi + Math.log1p(Math.exp(-Math.abs(a - floor)));
    }
  }
}

/**
 * dInp (R, C) += the gradient through logEpsMixtureForward: with σ = softmax(inp) and q = (1 − eps)·σ / π_eps
 * (≤ 1), dInp_j += dOut_j·q_j − σ_j·Σ_a dOut_a·q_a.
 */
export function logEpsMixtureBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, out: Float32Array, R: number, C: number, eps: number): void {
  const keep = Math.log(1 - eps);
  for (let r = 0; r < R; r++) {
    const lse = rowLse(inp, r, C);
    let total = 0;
    for (let c = 0; c < C; c++) total += dOut[r * C + c] * Math.exp(inp[r * C + c] - lse + keep - out[r * C + c]);
    for (let c = 0; c < C; c++) {
      const k = r * C + c, q = Math.exp(inp[k] - lse + keep - out[k]);
      dInp[k] += dOut[k] * q - Math.exp(inp[k] - lse) * total;
    }
  }
}
