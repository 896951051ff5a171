// Elementwise kernels, forward/backward pairs. n = number of elements.
// Backward kernels ACCUMULATE into their gradient buffers (d... += ...).
// Binary ops broadcast `b` over rows: b has n elements (same shape) or C elements (one row, repeated).
// ReLU and |x| run on the WebAssembly kernels when their arrays are resident (lib/wasm/elementwise.ts);
// the ...Js twins are the reference loops.
import { BACKEND } from '../wasm/backend.ts';
import { absBackwardWasm, absForwardWasm, reluBackwardWasm, reluForwardWasm } from '../wasm/elementwise.ts';

/** out (n) = max(0, inp) */
export function reluForward(out: Float32Array, inp: Float32Array, n: number): void {
  if (!(BACKEND === 'wasm' && reluForwardWasm(out, inp, n))) reluForwardJs(out, inp, n);
}
export function reluForwardJs(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = inp[i] > 0 ? inp[i] : 0;
}
/** dInp (n) += dOut where inp > 0 */
export function reluBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): void {
  if (!(BACKEND === 'wasm' && reluBackwardWasm(dInp, dOut, inp, n))) reluBackwardJs(dInp, dOut, inp, n);
}
export function reluBackwardJs(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) if (inp[i] > 0) dInp[i] += dOut[i];
}

/** out (n) = inp if inp > 0 else exp(inp) - 1   (ELU, alpha = 1) */
export function eluForward(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = inp[i] > 0 ? inp[i] : Math.expm1(inp[i]);
}
/** dInp (n) += dOut · (1 if inp > 0 else out + 1) */
export function eluBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dInp[i] += inp[i] > 0 ? dOut[i] : dOut[i] * (out[i] + 1);
}

/** out (n) = |inp| + eps */
export function absForward(out: Float32Array, inp: Float32Array, n: number, eps = 0): void {
  if (!(BACKEND === 'wasm' && absForwardWasm(out, inp, n, eps))) absForwardJs(out, inp, n, eps);
}
export function absForwardJs(out: Float32Array, inp: Float32Array, n: number, eps = 0): void {
  for (let i = 0; i < n; i++) out[i] = Math.abs(inp[i]) + eps;
}
/** dInp (n) += dOut · sign(inp)   (sign(0) = 0, as PyTorch) */
export function absBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): void {
  if (!(BACKEND === 'wasm' && absBackwardWasm(dInp, dOut, inp, n))) absBackwardJs(dInp, dOut, inp, n);
}
export function absBackwardJs(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dInp[i] += inp[i] > 0 ? dOut[i] : inp[i] < 0 ? -dOut[i] : 0;
}

/** out (n) = tanh(inp) */
export function tanhForward(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.tanh(inp[i]);
}
/** dInp (n) += dOut · (1 - out²) */
export function tanhBackward(dInp: Float32Array, dOut: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dInp[i] += dOut[i] * (1 - out[i] * out[i]);
}

/** 1 / (1 + e^−x): branch-free (a branch on the sign mispredicts on mixed inputs); exact limits in float64. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
/** out (n) = 1 / (1 + exp(-inp)) */
export function sigmoidForward(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = sigmoid(inp[i]);
}
/** dInp (n) += dOut · out · (1 - out) */
export function sigmoidBackward(dInp: Float32Array, dOut: Float32Array, out: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dInp[i] += dOut[i] * out[i] * (1 - out[i]);
}

/** out (n) = ln(inp) */
export function logForward(out: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = Math.log(inp[i]);
}
/** dInp (n) += dOut / inp */
export function logBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) dInp[i] += dOut[i] / inp[i];
}

/** out (n) = a (n) + b (n or bn, repeated over rows) */
export function addForward(out: Float32Array, a: Float32Array, b: Float32Array, n: number, bn: number): void {
  if (bn === n) for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
  else for (let o = 0; o < n; o += bn) for (let c = 0; c < bn; c++) out[o + c] = a[o + c] + b[c];
}
/** dA (n) += dOut; dB (bn) += dOut summed over the broadcast rows */
export function addBackward(dA: Float32Array | null, dB: Float32Array | null, dOut: Float32Array, n: number, bn: number): void {
  if (dA !== null) for (let i = 0; i < n; i++) dA[i] += dOut[i];
  if (dB !== null) for (let o = 0; o < n; o += bn) for (let c = 0; c < bn; c++) dB[c] += dOut[o + c];
}

/** out (n) = a (n) · b (n or bn, repeated over rows) */
export function mulForward(out: Float32Array, a: Float32Array, b: Float32Array, n: number, bn: number): void {
  if (bn === n) for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
  else for (let o = 0; o < n; o += bn) for (let c = 0; c < bn; c++) out[o + c] = a[o + c] * b[c];
}
/** dA (n) += dOut · b; dB (bn) += dOut · a summed over the broadcast rows */
export function mulBackward(
  dA: Float32Array | null, dB: Float32Array | null, dOut: Float32Array, a: Float32Array, b: Float32Array, n: number, bn: number,
): void {
  for (let o = 0; o < n; o += bn) {
    for (let c = 0; c < bn; c++) {
      if (dA !== null) dA[o + c] += dOut[o + c] * b[c];
      if (dB !== null) dB[c] += dOut[o + c] * a[o + c];
    }
  }
}

/** out (n) = alpha · inp + beta */
export function affineForward(out: Float32Array, inp: Float32Array, n: number, alpha: number, beta: number): void {
  for (let i = 0; i < n; i++) out[i] = alpha * inp[i] + beta;
}
/** dInp (n) += alpha · dOut */
export function affineBackward(dInp: Float32Array, dOut: Float32Array, n: number, alpha: number): void {
  for (let i = 0; i < n; i++) dInp[i] += alpha * dOut[i];
}

/** out (n) = inp if inp > 0 else slope · inp */
export function leakyReluForward(out: Float32Array, inp: Float32Array, n: number, slope: number): void {
  for (let i = 0; i < n; i++) out[i] = inp[i] > 0 ? inp[i] : slope * inp[i];
}
/** dInp (n) += dOut · (1 if inp > 0 else slope) */
export function leakyReluBackward(dInp: Float32Array, dOut: Float32Array, inp: Float32Array, n: number, slope: number): void {
  for (let i = 0; i < n; i++) dInp[i] += inp[i] > 0 ? dOut[i] : slope * dOut[i];
}
