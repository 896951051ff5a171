// The GRU sequence op on the WebAssembly kernels: the recurrence of T steps runs inside the kernel
// memory — per step one SIMD product with W_hh and one gate pass — on the step's resident buffers in
// place, or on copies made once per sequence (memory.ts: stage), never per step. The input-side products over all T·B rows stay single large matmuls.
// Same contract and results (to float rounding) as gruSequenceForward / gruSequenceBackward in
// lib/kernels/gru.ts; needs H a multiple of 4.
// B = batch, I = input features, H = hidden size, G = 3H, T = steps; sequences time-major (row t·B + b).
import { stage, transposeInto } from './memory.ts';

/**
 * hs (T·B, H), gates (T·B, 3H) [gi in: W_ih x + b_ih of every step; r, z, n out], gh (T·B, 3H) out;
 * wHh (3H, H), bHh (3H).
 */
export function gruRecurrenceWasm(
  hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array, bHh: Float32Array, T: number, B: number, H: number,
): void {
  const G = 3 * H, BG = B * G, BH = B * H;
  const { h: heap, k, at: [pG, pGh, pHs, pW, pB], finish } = stage([
    { data: gates, n: T * BG, read: true, write: true }, { data: gh, n: T * BG, write: true }, { data: hs, n: T * BH, write: true }, { data: null, n: H * G },
    { data: bHh, n: G, read: true },
  ]);
  transposeInto(heap, pW, wHh, 0, G, H); // W_hhᵀ (H, 3H)
  k.fill_rows(4 * pGh, 4 * pB, T * B, G); // gh starts at b_hh on every row of every step (G = 3H, a multiple of 4)
  for (let t = 0; t < T; t++) {
    const gh0 = pGh + t * BG;
    if (t === 0) {
      k.gru_activate_h0(4 * pHs, 4 * pG, 4 * gh0, 0, B, H);
    } else {
      const hPrev = pHs + (t - 1) * BH;
      k.matmul_nn(4 * gh0, 4 * hPrev, 4 * pW, B, H, G);
      k.gru_activate(4 * (pHs + t * BH), 4 * (pG + t * BG), 4 * gh0, 4 * hPrev, B, H);
    }
  }
  finish();
}

/**
 * Backpropagation through the first `steps` steps: dGi, dGh (steps·B, 3H) pre-activation gradients
 * (overwritten) from dHs (T·B, H), with the saved hs, gates, gh and wHh (3H, H).
 */
export function gruBackThroughTimeWasm(
  dGi: Float32Array, dGh: Float32Array, dHs: Float32Array, hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array,
  steps: number, B: number, H: number,
): void {
  const G = 3 * H, BG = B * G, BH = B * H;
  const { h: heap, k, at: [pDHs, pHs, pG, pGh, pDGi, pDGh, pW, pDh, pCarry], finish } = stage([
    { data: dHs, n: steps * BH, read: true }, { data: hs, n: steps * BH, read: true }, { data: gates, n: steps * BG, read: true },
    { data: gh, n: steps * BG, read: true }, { data: dGi, n: steps * BG, write: true }, { data: dGh, n: steps * BG, write: true },
    { data: wHh, n: G * H, read: true }, { data: null, n: BH }, { data: null, n: BH },
  ]);
  heap.fill(0, pCarry, pCarry + BH);
  for (let t = steps - 1; t >= 0; t--) {
    for (let q = 0; q < BH; q++) heap[pDh + q] = heap[pDHs + t * BH + q] + heap[pCarry + q];
    heap.fill(0, pCarry, pCarry + BH);
    const g = 4 * (pG + t * BG), gH = 4 * (pGh + t * BG), dGi0 = 4 * (pDGi + t * BG), dGh0 = 4 * (pDGh + t * BG);
    if (t === 0) {
      k.gru_gate_grads_h0(dGi0, dGh0, 0, 4 * pDh, 0, g, gH, B, H);
    } else {
      k.gru_gate_grads(dGi0, dGh0, 4 * pCarry, 4 * pDh, 4 * (pHs + (t - 1) * BH), g, gH, B, H);
      k.matmul_nn(4 * pCarry, dGh0, 4 * pW, B, G, H); // carry (B, H) += dGh_t (B, 3H) · W_hh (3H, H)
    }
  }
  finish();
}
