// Matrix products in plain JS (the reference backend and the fallback), register-blocked 4x4
// (16 accumulators), one specialised loop nest per layout:
// a generic strided kernel measured about 15% slower. All three ACCUMULATE into `out` (out += ...),
// so a forward pass fills `out` first (zeros or a bias) and a backward pass adds into gradients.
// M = rows of out, N = columns of out, K = shared (contracted) dimension. Row-major storage.
// Optional element offsets (oOff, aOff, bOff) address a matrix stored inside a larger buffer, e.g. one
// time step's rows of a whole sequence, without a subarray view.

/** out (M, N) += a (M, K) · b (K, N) */
export function matmulAddJs(
  out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff = 0, aOff = 0, bOff = 0,
): void {
  const M4 = M - (M % 4), N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0, pb = bOff + j; k < K; k++, pb += N) {
        const x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
        const y0 = b[pb], y1 = b[pb + 1], y2 = b[pb + 2], y3 = b[pb + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      addBlock(out, oOff + i * N + j, N, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
    if (N4 < N) gemmEdge(out, a, b, i, i + 4, N4, N, N, K, K, 1, N, 1, oOff, aOff, bOff);
  }
  if (M4 < M) gemmEdge(out, a, b, M4, M, 0, N, N, K, K, 1, N, 1, oOff, aOff, bOff);
}

/** out (M, N) += a (M, K) · b (N, K)ᵀ */
export function matmulNTAddJs(
  out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff = 0, aOff = 0, bOff = 0,
): void {
  const M4 = M - (M % 4), N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let j = 0; j < N4; j += 4) {
      const b0 = bOff + j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
        const y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      addBlock(out, oOff + i * N + j, N, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
    if (N4 < N) dotsNT(out, a, b, i, i + 4, N4, N, N, K, oOff, aOff, bOff);
  }
  if (M4 < M) dotsNT(out, a, b, M4, M, 0, N, N, K, oOff, aOff, bOff);
}

/** out (M, N) += a (K, M)ᵀ · b (K, N) */
export function matmulTNAddJs(
  out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff = 0, aOff = 0, bOff = 0,
): void {
  const M4 = M - (M % 4), N4 = N - (N % 4);
  for (let i = 0; i < M4; i += 4) {
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0, pa = aOff + i, pb = bOff + j; k < K; k++, pa += M, pb += N) {
        const x0 = a[pa], x1 = a[pa + 1], x2 = a[pa + 2], x3 = a[pa + 3];
        const y0 = b[pb], y1 = b[pb + 1], y2 = b[pb + 2], y3 = b[pb + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      addBlock(out, oOff + i * N + j, N, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
    if (N4 < N) gemmEdge(out, a, b, i, i + 4, N4, N, N, K, 1, M, N, 1, oOff, aOff, bOff);
  }
  if (M4 < M) gemmEdge(out, a, b, M4, M, 0, N, N, K, 1, M, N, 1, oOff, aOff, bOff);
}

/** Adds a 4x4 block of accumulators into out at offset o (row stride N). */
function addBlock(
  out: Float32Array, o: number, N: number,
  c00: number, c01: number, c02: number, c03: number, c10: number, c11: number, c12: number, c13: number,
  c20: number, c21: number, c22: number, c23: number, c30: number, c31: number, c32: number, c33: number,
): void {
  out[o] += c00; out[o + 1] += c01; out[o + 2] += c02; out[o + 3] += c03; o += N;
  out[o] += c10; out[o + 1] += c11; out[o + 2] += c12; out[o + 3] += c13; o += N;
  out[o] += c20; out[o + 1] += c21; out[o + 2] += c22; out[o + 3] += c23; o += N;
  out[o] += c30; out[o + 1] += c31; out[o + 2] += c32; out[o + 3] += c33;
}

/**
 * The unblocked remainder of the A·Bᵀ layout (rows [i0, i1) x columns [j0, j1)): one dot product of
 * contiguous rows per entry — the same arithmetic, in the same order, as gemmEdge, without its generic
 * strides and four columns per pass over the row of A (the single-row products of acting).
 */
function dotsNT(
  out: Float32Array, a: Float32Array, b: Float32Array, i0: number, i1: number, j0: number, j1: number, N: number, K: number,
  oOff: number, aOff: number, bOff: number,
): void {
  const j4 = j0 + (j1 - j0) - ((j1 - j0) % 4);
  for (let i = i0; i < i1; i++) {
    const pa = aOff + i * K, po = oOff + i * N;
    for (let j = j0; j < j4; j += 4) { // four dot products at once, each summed in k order
      const p0 = bOff + j * K, p1 = p0 + K, p2 = p1 + K, p3 = p2 + K;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let k = 0; k < K; k++) {
        const x = a[pa + k];
        c0 += x * b[p0 + k]; c1 += x * b[p1 + k]; c2 += x * b[p2 + k]; c3 += x * b[p3 + k];
      }
      out[po + j] += c0; out[po + j + 1] += c1; out[po + j + 2] += c2; out[po + j + 3] += c3;
    }
    for (let j = j4; j < j1; j++) {
      const pb = bOff + j * K;
      let acc = 0;
      for (let k = 0; k < K; k++) acc += a[pa + k] * b[pb + k];
      out[po + j] += acc;
    }
  }
}

/**
 * The unblocked remainder, for any layout: rows [i0, i1) x columns [j0, j1) of out (row stride N),
 * with A(i, k) = a[aOff + i*aRow + k*aCol] and B(k, j) = b[bOff + k*bRow + j*bCol].
 */
export function gemmEdge(
  out: Float32Array, a: Float32Array, b: Float32Array,
  i0: number, i1: number, j0: number, j1: number, N: number, K: number,
  aRow: number, aCol: number, bRow: number, bCol: number, oOff: number, aOff: number, bOff: number,
): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let acc = 0;
      for (let k = 0, pa = aOff + i * aRow, pb = bOff + j * bCol; k < K; k++, pa += aCol, pb += bRow) acc += a[pa] * b[pb];
      out[oOff + i * N + j] += acc;
    }
  }
}

/** Reference: out (M, N) += a (M, K) · b (K, N) by the plain triple loop, for specs and benchmarks. */
export function matmulNaiveAdd(out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc += a[i * K + k] * b[k * N + j];
      out[i * N + j] += acc;
    }
  }
}
