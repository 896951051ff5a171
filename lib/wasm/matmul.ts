// Matrix products on the WebAssembly SIMD kernels. Operands in the resident memory (the training arenas'
// buffers) are used in place; others are copied in and results copied back (memory.ts: stage), so callers
// may pass any Float32Arrays. Columns past the last multiple of 4 are finished by the JS edge loop on the
// same memory.
// M = rows of out, N = columns of out, K = contracted dimension; element offsets as in matmul-js.ts.
import type { WasmKernels } from './backend.ts';
import { fillRows, stage, transposeInto } from './memory.ts';
import { gemmEdge } from '../kernels/matmul-js.ts';

type Layout = 'nn' | 'nt' | 'tn';

/**
 * out (M, N) += A · B, A (M, K) ['nn', 'nt'] or (K, M) ['tn'], B (K, N) ['nn', 'tn'] or (N, K) ['nt'].
 * Staged layout in memory: out at 0, A after it, B (transposed to (K, N) for 'nt') after A.
 */
export function matmulWasm(
  layout: Layout, out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff: number, aOff: number, bOff: number,
): void {
  product(layout, out, a, b, M, K, N, oOff, aOff, bOff, null, null);
}

/** out (B, O) = inp (B, I) · w (O, I)ᵀ + bias (O) (bias null = none): out is written, not read. */
export function linearWasm(out: Float32Array, inp: Float32Array, w: Float32Array, bias: Float32Array | null, B: number, I: number, O: number): void {
  product('nt', out, inp, w, B, I, O, 0, 0, 0, bias, (h, pO, k, pBias) => {
    if (bias === null) h.fill(0, pO, pO + B * O);
    else if (O % 4 === 0) k.fill_rows(4 * pO, 4 * pBias, B, O);
    else fillRows(h, pO, bias, B);
  });
}

/** Writes the starting out (M, N) at float offset pO, with the kernels and the placed extra block (a bias) at pExtra. */
type Init = (heap: Float32Array, pO: number, k: WasmKernels, pExtra: number) => void;

/**
 * Places out, A and B (B transposed to (K, N) for 'nt', into a temporary), lets `init` write the starting
 * out (M, N) at float offset pO (null: out's own values, accumulated into), multiplies, copies out back if
 * it was copied in.
 */
function product(
  layout: Layout, out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff: number, aOff: number, bOff: number,
  extra: Float32Array | null, init: Init | null,
): void {
  const nt = layout === 'nt';
  if (nt && N < 4) return dots(out, a, b, M, K, N, oOff, aOff, bOff, extra, init);
  const { h, k, at: [pO, pA, pB, pX], finish } = stage([
    { data: out, off: oOff, n: M * N, read: init === null, write: true },
    { data: a, off: aOff, n: M * K, read: true },
    nt ? { data: null, n: K * N } : { data: b, off: bOff, n: K * N, read: true },
    { data: extra, n: extra?.length ?? 0, read: true },
  ]);
  init?.(h, pO, k, pX);
  if (nt) transposeInto(h, pB, b, bOff, N, K); // B (N, K) -> (K, N)
  if (layout === 'tn') k.matmul_tn(pO * 4, pA * 4, pB * 4, M, K, N);
  else k.matmul_nn(pO * 4, pA * 4, pB * 4, M, K, N);
  const N4 = N - (N % 4);
  if (N4 < N) {
    const [aRow, aCol] = layout === 'tn' ? [1, M] : [K, 1];
    gemmEdge(h, h, h, 0, M, N4, N, N, K, aRow, aCol, N, 1, pO, pA, pB);
  }
  finish();
}

/** out (M, N) += A (M, K) · B (N, K)ᵀ as M·N dot products (few columns: no tiles, no transposed copy of B). */
function dots(
  out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff: number, aOff: number, bOff: number,
  extra: Float32Array | null, init: Init | null,
): void {
  const { h, k, at: [pO, pA, pB, pX], finish } = stage([
    { data: out, off: oOff, n: M * N, read: init === null, write: true },
    { data: a, off: aOff, n: M * K, read: true },
    { data: b, off: bOff, n: N * K, read: true },
    { data: extra, n: extra?.length ?? 0, read: true },
  ]);
  init?.(h, pO, k, pX);
  const K4 = K - (K % 4);
  k.matmul_nt_dots(pO * 4, pA * 4, pB * 4, M, K, N, K4);
  if (K4 < K) gemmEdge(h, h, h, 0, M, 0, N, N, K - K4, K, 1, 1, K, pO, pA + K4, pB + K4); // k = K4 … K − 1
  finish();
}

/**
 * The three gradients of a linear layer from one placing of dOut (B, O): dInp (B, I) += dOut · w,
 * dW (O, I) += dOutᵀ · inp, dB (O) += Σ_rows dOut; a null gradient is skipped. w (O, I), inp (B, I).
 */
export function linearBackwardWasm(
  dInp: Float32Array | null, dW: Float32Array | null, dB: Float32Array | null, dOut: Float32Array, inp: Float32Array, w: Float32Array,
  B: number, I: number, O: number,
): void {
  const grad = (g: Float32Array | null, n: number) => ({ data: g, n: g === null ? 0 : n, read: true, write: true });
  const { h, k, at: [pOut, pW, pInp, pDInp, pDW, pDB], finish } = stage([
    { data: dOut, n: B * O, read: true },
    { data: w, n: dInp === null ? 0 : O * I, read: true },
    { data: inp, n: dW === null ? 0 : B * I, read: true },
    grad(dInp, B * I), grad(dW, O * I), grad(dB, O),
  ]);
  const I4 = I - (I % 4), O4 = O - (O % 4);
  if (dInp !== null) {
    k.matmul_nn(4 * pDInp, 4 * pOut, 4 * pW, B, O, I);
    if (I4 < I) gemmEdge(h, h, h, 0, B, I4, I, I, O, O, 1, I, 1, pDInp, pOut, pW);
  }
  if (dW !== null) {
    k.matmul_tn(4 * pDW, 4 * pOut, 4 * pInp, O, B, I);
    if (I4 < I) gemmEdge(h, h, h, 0, O, I4, I, I, B, 1, O, I, 1, pDW, pOut, pInp);
  }
  if (dB !== null) {
    if (O4 > 0) k.sum_rows(4 * pDB, 4 * pOut, B, O4, O);
    for (let r = 0; r < B; r++) for (let c = O4; c < O; c++) h[pDB + c] += h[pOut + r * O + c];
  }
  finish();
}
