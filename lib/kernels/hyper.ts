// Hypernetwork mixing: each sample carries its own weight matrix.
// B = batch, N = inputs per sample (agents), E = outputs per sample (mixing embed).

/** out (B, E) = qs (B, 1, N) · w (B, N, E), with w stored flat as (B, N·E) */
export function hyperMixForward(out: Float32Array, qs: Float32Array, w: Float32Array, B: number, N: number, E: number): void {
  for (let b = 0; b < B; b++) {
    const o = b * E, wb = b * N * E;
    for (let e = 0; e < E; e++) out[o + e] = 0;
    for (let n = 0; n < N; n++) {
      const q = qs[b * N + n], wr = wb + n * E;
      for (let e = 0; e < E; e++) out[o + e] += q * w[wr + e];
    }
  }
}

/** Accumulates dQs (B, N) += dOut·wᵀ and dW (B, N·E) += qsᵀ·dOut per sample; either may be null. */
export function hyperMixBackward(
  dQs: Float32Array | null, dW: Float32Array | null, dOut: Float32Array, qs: Float32Array, w: Float32Array,
  B: number, N: number, E: number,
): void {
  for (let b = 0; b < B; b++) {
    const o = b * E, wb = b * N * E;
    for (let n = 0; n < N; n++) {
      const q = qs[b * N + n], wr = wb + n * E;
      let acc = 0;
      for (let e = 0; e < E; e++) {
        acc += dOut[o + e] * w[wr + e];
        if (dW !== null) dW[wr + e] += q * dOut[o + e];
      }
      if (dQs !== null) dQs[b * N + n] += acc;
    }
  }
}
