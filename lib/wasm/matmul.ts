// Matrix products on the WebAssembly SIMD kernels. The operands are staged: copied into the module's
// memory, multiplied there, and the result copied back, so callers keep plain Float32Arrays. Columns
// past the last multiple of 4 are finished by the JS edge loop on the same memory.
// M = rows of out, N = columns of out, K = contracted dimension; element offsets as in matmul-js.ts.
import { wasmKernels } from './backend.ts';
import { heapFor } from './memory.ts';
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
  if (layout === 'nt') {
    for (let j = 0; j < N; j++) for (let k = 0, src = bOff + j * K; k < K; k++) h[pB + k * N + j] = b[src + k];
  } else {
    h.set(b.subarray(bOff, bOff + sizeB), pB);
  }
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
