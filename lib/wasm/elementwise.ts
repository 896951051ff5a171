// Elementwise passes and row sums on the WebAssembly kernels. The elementwise ones run only where every
// array lives in the resident memory (a training step's activations and gradients): copying operands in
// and out would cost more than the JS loop saves. Each returns false when it did not run (the caller
// then runs its JS loop). The last n mod 4 elements are finished here in JS.
import { residentKernels, isResident } from './resident.ts';
import { stage } from './memory.ts';

/** Below this many elements the JS loop is as fast. */
export const WASM_MIN_ELEMENTS = 256;

const ready = (n: number, arrays: readonly Float32Array[]) => n >= WASM_MIN_ELEMENTS && arrays.every((x) => isResident(x) && x.length >= n);
const ptr = (x: Float32Array) => x.byteOffset;

/** out (n) = max(0, inp) */
export function reluForwardWasm(out: Float32Array, inp: Float32Array, n: number): boolean {
  if (!ready(n, [out, inp])) return false;
  const n4 = n - (n % 4);
  residentKernels().relu_fwd(ptr(out), ptr(inp), n4);
  for (let i = n4; i < n; i++) out[i] = inp[i] > 0 ? inp[i] : 0;
  return true;
}

/** dInp (n) += dOut where inp > 0 */
export function reluBackwardWasm(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): boolean {
  if (!ready(n, [dInp, dOut, inp])) return false;
  const n4 = n - (n % 4);
  residentKernels().relu_bwd(ptr(dInp), ptr(dOut), ptr(inp), n4);
  for (let i = n4; i < n; i++) if (inp[i] > 0) dInp[i] += dOut[i];
  return true;
}

/** out (n) = |inp| + eps; eps must be a float32 value (the kernel adds in f32), else false. */
export function absForwardWasm(out: Float32Array, inp: Float32Array, n: number, eps: number): boolean {
  if (!ready(n, [out, inp]) || Math.fround(eps) !== eps) return false;
  const n4 = n - (n % 4);
  residentKernels().abs_fwd(ptr(out), ptr(inp), n4, eps);
  for (let i = n4; i < n; i++) out[i] = Math.abs(inp[i]) + eps;
  return true;
}

/** dInp (n) += dOut · sign(inp) */
export function absBackwardWasm(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): boolean {
  if (!ready(n, [dInp, dOut, inp])) return false;
  const n4 = n - (n % 4);
  residentKernels().abs_bwd(ptr(dInp), ptr(dOut), ptr(inp), n4);
  for (let i = n4; i < n; i++) dInp[i] += inp[i] > 0 ? dOut[i] : inp[i] < 0 ? -dOut[i] : 0;
  return true;
}

/** dst (C) += Σ_r src (R, C)[r], rows in order (as the JS loop); src resident and R·C large enough, else false. */
export function sumRowsWasm(dst: Float32Array, src: Float32Array, R: number, C: number): boolean {
  if (!ready(R * C, [src]) || C < 4) return false;
  const { h, k, at: [pDst, pSrc], finish } = stage([{ data: dst, n: C, read: true, write: true }, { data: src, n: R * C, read: true }]);
  const C4 = C - (C % 4);
  k.sum_rows(4 * pDst, 4 * pSrc, R, C4, C);
  for (let r = 0; r < R; r++) for (let c = C4; c < C; c++) h[pDst + c] += h[pSrc + r * C + c];
  finish();
  return true;
}
