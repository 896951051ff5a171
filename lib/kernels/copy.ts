// Contiguous copies between flat arrays. n = elements copied.

/**
 * dst[at .. at+n) = src[from .. from+n), a plain loop: no subarray views are created, so the short rows
 * of layout ops and batch building allocate nothing.
 */
export function copyRange(dst: Float32Array, at: number, src: Float32Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) dst[at + i] = src[from + i];
}
