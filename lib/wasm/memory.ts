// The kernels' memory seen from JS: one Float32Array view, refreshed whenever the memory has grown
// (growing detaches the old ArrayBuffer, so no view is kept across a grow), and a bump layout of the
// operands of one call.
import { wasmKernels } from './backend.ts';

let heap = new Float32Array(0);

/** A view of the kernel memory holding at least `floats` values. */
export function heapFor(floats: number): Float32Array {
  const { memory } = wasmKernels();
  const need = floats * 4 - memory.buffer.byteLength;
  if (need > 0) memory.grow(Math.ceil(need / 65536));
  if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
  return heap;
}

/** Consecutive float offsets for blocks of the given sizes (each rounded up to 4 floats, 16 bytes), and the total. */
export function layout(sizes: readonly number[]): { at: number[]; total: number } {
  const at: number[] = [];
  let total = 0;
  for (const n of sizes) {
    at.push(total);
    total += Math.ceil(n / 4) * 4;
  }
  return { at, total };
}

/** heap at float offset `at` ← the transpose (C, R) of src (R, C) read from element offset `from`. */
export function transposeInto(heap: Float32Array, at: number, src: Float32Array, from: number, R: number, C: number): void {
  for (let r = 0; r < R; r++) for (let c = 0, p = from + r * C; c < C; c++) heap[at + c * R + r] = src[p + c];
}
