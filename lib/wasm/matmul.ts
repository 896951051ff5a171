// Matrix products on the WebAssembly SIMD kernels. The operands are staged: copied into the module's
// memory, multiplied there, and the result copied back, so callers keep plain Float32Arrays. Columns
// past the last multiple of 4 are finished by the JS edge loop on the same memory.
// M = rows of out, N = columns of out, K = contracted dimension; element offsets as in matmul-js.ts.
import { wasmKernels } from './backend.ts';
import { heapFor, layout, transposeInto } from './memory.ts';
import { gemmEdge } from '../kernels/matmul-js.ts';

type Layout = 'nn' | 'nt' | 'tn';

/**
 * out (M, N) += A · B, A (M, K) ['nn', 'nt'] or (K, M) ['tn'], B (K, N) ['nn', 'tn'] or (N, K) ['nt'].
 * Staged layout in memory: out at 0, A after it, B (transposed to (K, N) for 'nt') after A.
 */
export function matmulWasm(
  layout: Layout, out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff: number, aOff: number, bOff: number,
): void {
  product(layout, out, a, b, M, K, N, oOff, aOff, bOff, (h, pO) => h.set(out.subarray(oOff, oOff + M * N), pO));
}

/** out (B, O) = inp (B, I) · w (O, I)ᵀ + bias (O) (bias null = none): out is written, not read. */
export function linearWasm(out: Float32Array, inp: Float32Array, w: Float32Array, bias: Float32Array | null, B: number, I: number, O: number): void {
  product('nt', out, inp, w, B, I, O, 0, 0, 0, (h, pO) => {
    if (bias === null) h.fill(0, pO, pO + B * O);
    else for (let n = 0; n < B; n++) h.set(bias, pO + n * O);
  });
}

/** Stages A and B, lets `init` write the starting out (M, N) at float offset pO, multiplies, copies out back. */
function product(
  layout: Layout, out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff: number, aOff: number, bOff: number,
  init: (heap: Float32Array, pO: number) => void,
): void {
  const sizeO = M * N, sizeA = M * K, sizeB = K * N, pO = 0, pA = sizeO, pB = sizeO + sizeA;
  const h = heapFor(pB + sizeB);
  init(h, pO);
  h.set(a.subarray(aOff, aOff + sizeA), pA);
  if (layout === 'nt') transposeInto(h, pB, b, bOff, N, K); // B (N, K) -> (K, N)
  else h.set(b.subarray(bOff, bOff + sizeB), pB);
  const w = wasmKernels();
  if (layout === 'tn') w.matmul_tn(pO * 4, pA * 4, pB * 4, M, K, N);
  else w.matmul_nn(pO * 4, pA * 4, pB * 4, M, K, N);
  const N4 = N - (N % 4);
  if (N4 < N) {
    const [aRow, aCol] = layout === 'tn' ? [1, M] : [K, 1];
    gemmEdge(h, h, h, 0, M, N4, N, N, K, aRow, aCol, N, 1, pO, pA, pB);
  }
  out.set(h.subarray(pO, pO + sizeO), oOff);
}

/**
 * The three gradients of a linear layer from one staging of dOut (B, O): dInp (B, I) += dOut · w,
 * dW (O, I) += dOutᵀ · inp, dB (O) += Σ_rows dOut; a null gradient is skipped. w (O, I), inp (B, I).
 */
export function linearBackwardWasm(
  dInp: Float32Array | null, dW: Float32Array | null, dB: Float32Array | null, dOut: Float32Array, inp: Float32Array, w: Float32Array,
  B: number, I: number, O: number,
): void {
  const { at: [pOut, pW, pInp, pDInp, pDW, pDB], total } = layout([B * O, O * I, B * I, B * I, O * I, O]);
  const h = heapFor(total), k = wasmKernels(), I4 = I - (I % 4), O4 = O - (O % 4);
  h.set(dOut.subarray(0, B * O), pOut);
  if (dInp !== null) {
    h.set(w.subarray(0, O * I), pW);
    h.set(dInp.subarray(0, B * I), pDInp);
    k.matmul_nn(4 * pDInp, 4 * pOut, 4 * pW, B, O, I);
    if (I4 < I) gemmEdge(h, h, h, 0, B, I4, I, I, O, O, 1, I, 1, pDInp, pOut, pW);
    dInp.set(h.subarray(pDInp, pDInp + B * I));
  }
  if (dW !== null) {
    h.set(inp.subarray(0, B * I), pInp);
    h.set(dW.subarray(0, O * I), pDW);
    k.matmul_tn(4 * pDW, 4 * pOut, 4 * pInp, O, B, I);
    if (I4 < I) gemmEdge(h, h, h, 0, O, I4, I, I, B, 1, O, I, 1, pDW, pOut, pInp);
    dW.set(h.subarray(pDW, pDW + O * I));
  }
  if (dB !== null) {
    h.set(dB.subarray(0, O), pDB);
    if (O4 > 0) k.sum_rows(4 * pDB, 4 * pOut, B, O4, O);
    for (let r = 0; r < B; r++) for (let c = O4; c < O; c++) h[pDB + c] += h[pOut + r * O + c];
    dB.set(h.subarray(pDB, pDB + O));
  }
}
