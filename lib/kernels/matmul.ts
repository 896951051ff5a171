// Matrix products, dispatched to the backend of the process (lib/wasm/backend.ts): the WebAssembly
// SIMD kernels (lib/wasm/matmul.ts) when the product is large enough to pay for staging its operands,
// the plain-JS kernels (matmul-js.ts) otherwise. All three ACCUMULATE into `out` (out += ...).
// M = rows of out, N = columns of out, K = shared (contracted) dimension. Row-major storage; optional
// element offsets address a matrix stored inside a larger buffer.
import { matmulAddJs, matmulNTAddJs, matmulTNAddJs } from './matmul-js.ts';
import { BACKEND } from '../wasm/backend.ts';
import { matmulWasm } from '../wasm/matmul.ts';

export { matmulAddJs, matmulNTAddJs, matmulTNAddJs, matmulNaiveAdd } from './matmul-js.ts';

/** Below this many multiply-adds, with fewer than 4 output columns, or with fewer than 8 rows (a few rows
 * do not pay for staging, and the A·Bᵀ layout transposes B: an acting step of batch 1 took 140 µs so
 * instead of 17 µs in JS) the JS kernel is faster. */
export const WASM_MIN_MACS = 4096;
export const WASM_MIN_ROWS = 8;

/** True when an (M, K) · (K, N) product goes to the WebAssembly kernels (decided by shape alone: a result never depends on where its operands live). */
export const useWasm = (M: number, K: number, N: number) => BACKEND === 'wasm' && N >= 4 && K > 0 && M >= WASM_MIN_ROWS && M * K * N >= WASM_MIN_MACS;

/** Aᵀ·B (a weight gradient: K = batch rows) also with few output rows when K is long: the gradient of a Q head's weights over 2 actions has M = 2. */
export const useWasmTN = (M: number, K: number, N: number) => BACKEND === 'wasm' && N >= 4 && K >= WASM_MIN_ROWS && M * K * N >= WASM_MIN_MACS;

/** A·Bᵀ products also go to the kernels with fewer than 4 columns (as dot products) when K is long enough. */
export const useWasmNT = (M: number, K: number, N: number) =>
  useWasm(M, K, N) || (BACKEND === 'wasm' && N < 4 && K >= 16 && M >= WASM_MIN_ROWS && M * K * N >= WASM_MIN_MACS);

/** out (M, N) += a (M, K) · b (K, N) */
export function matmulAdd(out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff = 0, aOff = 0, bOff = 0): void {
  if (useWasm(M, K, N)) matmulWasm('nn', out, a, b, M, K, N, oOff, aOff, bOff);
  else matmulAddJs(out, a, b, M, K, N, oOff, aOff, bOff);
}

/** out (M, N) += a (M, K) · b (N, K)ᵀ */
export function matmulNTAdd(out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff = 0, aOff = 0, bOff = 0): void {
  if (useWasmNT(M, K, N)) matmulWasm('nt', out, a, b, M, K, N, oOff, aOff, bOff);
  else matmulNTAddJs(out, a, b, M, K, N, oOff, aOff, bOff);
}

/** out (M, N) += a (K, M)ᵀ · b (K, N) */
export function matmulTNAdd(out: Float32Array, a: Float32Array, b: Float32Array, M: number, K: number, N: number, oOff = 0, aOff = 0, bOff = 0): void {
  if (useWasmTN(M, K, N)) matmulWasm('tn', out, a, b, M, K, N, oOff, aOff, bOff);
  else matmulTNAddJs(out, a, b, M, K, N, oOff, aOff, bOff);
}
