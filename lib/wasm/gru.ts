// The GRU sequence op on the WebAssembly kernels: the recurrence of T steps runs inside the kernel
// memory — per step one SIMD product with W_hh and one gate pass — on the step's resident buffers in
// place, or on copies made once per sequence (memory.ts: stage), never per step. The input-side products over all P rows stay single large matmuls.
// Same contract and results (to float rounding) as gruSequenceForward / gruSequenceBackward in
// lib/kernels/gru.ts; needs H a multiple of 4.
// B = batch, I = input features, H = hidden size, G = 3H, T = steps, P = packed rows; sequences packed
// time-major (lib/kernels/packing.ts: batchSizes (T) rows per step, non-increasing).
import { stage, transposeInto } from './memory.ts';
import { packedRows } from '../kernels/packing.ts';

/**
 * hs (P, H), gates (P, 3H) [gi in: W_ih x + b_ih of every step; r, z, n out], gh (P, 3H) out; wHh (3H, H),
 * bHh (3H); batchSizes (T): the rows of each step (lib/kernels/packing.ts).
 */
export function gruRecurrenceWasm(
  hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array, bHh: Float32Array, batchSizes: Int32Array, H: number,
): void {
  const G = 3 * H, P = packedRows(batchSizes);
  const { h: heap, k, at: [pG, pGh, pHs, pW, pB], finish } = stage([
    { data: gates, n: P * G, read: true, write: true }, { data: gh, n: P * G, write: true }, { data: hs, n: P * H, write: true }, { data: null, n: H * G },
    { data: bHh, n: G, read: true },
  ]);
  transposeInto(heap, pW, wHh, 0, G, H); // W_hhᵀ (H, 3H)
  k.fill_rows(4 * pGh, 4 * pB, P, G); // gh starts at b_hh on every row of every step (G = 3H, a multiple of 4)
  for (let t = 0, o = 0, p = 0; t < batchSizes.length; p = o, o += batchSizes[t], t++) { // o: first row of step t, p: of step t − 1
    const Bt = batchSizes[t], gh0 = pGh + o * G;
    if (t === 0) {
      k.gru_activate_h0(4 * pHs, 4 * pG, 4 * gh0, 0, Bt, H);
    } else {
      const hPrev = pHs + p * H; // its first Bt rows: the sequences that go on
      k.matmul_nn(4 * gh0, 4 * hPrev, 4 * pW, Bt, H, G);
      k.gru_activate(4 * (pHs + o * H), 4 * (pG + o * G), 4 * gh0, 4 * hPrev, Bt, H);
    }
  }
  finish();
}

/**
 * Backpropagation through the first `steps` steps of batchSizes (T): dGi, dGh (P, 3H) pre-activation
 * gradients (overwritten) from dHs (P, H), with the saved hs, gates, gh and wHh (3H, H).
 */
export function gruBackThroughTimeWasm(
  dGi: Float32Array, dGh: Float32Array, dHs: Float32Array, hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array,
  batchSizes: Int32Array, steps: number, H: number,
): void {
  const G = 3 * H, P = packedRows(batchSizes, steps), BH = batchSizes[0] * H;
  const { h: heap, k, at: [pDHs, pHs, pG, pGh, pDGi, pDGh, pW, pDh, pCarry], finish } = stage([
    { data: dHs, n: P * H, read: true }, { data: hs, n: P * H, read: true }, { data: gates, n: P * G, read: true },
    { data: gh, n: P * G, read: true }, { data: dGi, n: P * G, write: true }, { data: dGh, n: P * G, write: true },
    { data: wHh, n: G * H, read: true }, { data: null, n: BH }, { data: null, n: BH },
  ]);
  heap.fill(0, pCarry, pCarry + BH);
  let o = P - batchSizes[steps - 1]; // the first row of step t
  for (let t = steps - 1; t >= 0; t--) {
    const Bt = batchSizes[t], p = t === 0 ? 0 : o - batchSizes[t - 1]; // the first row of step t − 1
    for (let q = 0; q < Bt * H; q++) heap[pDh + q] = heap[pDHs + o * H + q] + heap[pCarry + q];
    heap.fill(0, pCarry, pCarry + BH);
    const g = 4 * (pG + o * G), gH = 4 * (pGh + o * G), dGi0 = 4 * (pDGi + o * G), dGh0 = 4 * (pDGh + o * G);
    if (t === 0) {
      k.gru_gate_grads_h0(dGi0, dGh0, 0, 4 * pDh, 0, g, gH, Bt, H);
    } else {
      k.gru_gate_grads(dGi0, dGh0, 4 * pCarry, 4 * pDh, 4 * (pHs + p * H), g, gH, Bt, H);
      k.matmul_nn(4 * pCarry, dGh0, 4 * pW, Bt, G, H); // carry (Bt, H) += dGh_t (Bt, 3H) · W_hh (3H, H)
    }
    o = p;
  }
  finish();
}
