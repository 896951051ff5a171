// Fully connected layer, PyTorch layout: weight (O, I), bias (O).
// B = batch rows, I = input features, O = output features. Row-major.
import { matmulAdd, matmulNTAdd, matmulTNAdd, useWasm, useWasmNT } from './matmul.ts';
import { BACKEND } from '../wasm/backend.ts';
import { sumRowsWasm } from '../wasm/elementwise.ts';
import { linearBackwardWasm, linearWasm } from '../wasm/matmul.ts';

/** out (B, O) = inp (B, I) · w (O, I)ᵀ + b (O); b may be null (no bias). */
export function linearForward(
  out: Float32Array, inp: Float32Array, w: Float32Array, b: Float32Array | null,
  B: number, I: number, O: number,
): void {
  if (useWasmNT(B, I, O)) return linearWasm(out, inp, w, b, B, I, O); // the bias is written in kernel memory
  if (b === null) out.fill(0, 0, B * O);
  else for (let n = 0; n < B; n++) for (let o = 0; o < O; o++) out[n * O + o] = b[o];
  matmulNTAdd(out, inp, w, B, I, O);
}

/** Accumulates dInp (B, I) += dOut·w, dW (O, I) += dOutᵀ·inp, dB (O) += Σ_rows dOut. Null gradients are skipped. */
export function linearBackward(
  dInp: Float32Array | null, dW: Float32Array | null, dB: Float32Array | null,
  dOut: Float32Array, inp: Float32Array, w: Float32Array,
  B: number, I: number, O: number,
): void {
  if (useWasm(B, O, I)) return linearBackwardWasm(dInp, dW, dB, dOut, inp, w, B, I, O); // dOut staged once
  if (dInp !== null) matmulAdd(dInp, dOut, w, B, O, I);
  if (dW !== null) matmulTNAdd(dW, dOut, inp, O, B, I);
  if (dB !== null) sumRowsInto(dB, dOut, B, O);
}

/** dst (C) += Σ_r src (R, C)[r] (on the WebAssembly kernels when src is resident) */
export function sumRowsInto(dst: Float32Array, src: Float32Array, R: number, C: number): void {
  if (!(BACKEND === 'wasm' && sumRowsWasm(dst, src, R, C))) sumRowsIntoJs(dst, src, R, C);
}
export function sumRowsIntoJs(dst: Float32Array, src: Float32Array, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const o = r * C;
    for (let c = 0; c < C; c++) dst[c] += src[o + c];
  }
}
