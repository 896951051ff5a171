// Fused GRU over a batch, PyTorch gate convention and weight layout (gate rows r, z, n):
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)        z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))  h' = (1 − z) ⊙ n + z ⊙ h
// B = batch, I = input features, H = hidden size, G = 3H (gate rows), T = time steps, P = packed rows. Row-major;
// sequences are packed time-major (packing.ts): batchSizes (T) rows per step, non-increasing.
// h = null stands for the zero initial state: W_hh h vanishes, so its product (forward) and the
// dW_hh, dh products (backward) are skipped — results are bit-identical to passing zeros.
// Two entry points: one cell step (acting, and any custom recurrence), and a whole sequence from the
// zero state (training), which does every input-side product for all T steps as one large matmul.
import { linearBackward, linearForward, sumRowsInto } from './linear.ts';
import { matmulAdd, matmulNTAdd, matmulTNAdd } from './matmul.ts';
import { sigmoid } from './elementwise.ts';
import { packedRows } from './packing.ts';
import { BACKEND } from '../wasm/backend.ts';
import { gruBackThroughTimeWasm, gruRecurrenceWasm } from '../wasm/gru.ts';

/** The recurrences of a sequence run on the WebAssembly kernels (4 hidden units per SIMD lane group). */
const wasmRecurrence = (H: number) => BACKEND === 'wasm' && H % 4 === 0;

/**
 * hOut (B, H) = GRU(x (B, I), h (B, H)). Saves for backward: gates (B, 3H) = [r, z, n] after activation,
 * gh (B, 3H) = W_hh h + b_hh (its last H columns are the W_hn h + b_hn that r multiplies).
 * wIh (3H, I), wHh (3H, H), bIh (3H), bHh (3H); h null = zeros.
 */
export function gruCellForward(
  hOut: Float32Array, gates: Float32Array, gh: Float32Array,
  x: Float32Array, h: Float32Array | null,
  wIh: Float32Array, wHh: Float32Array, bIh: Float32Array, bHh: Float32Array,
  B: number, I: number, H: number,
): void {
  linearForward(gates, x, wIh, bIh, B, I, 3 * H); // gates holds gi = W_ih x + b_ih for now
  hiddenProduct(gh, 0, h, 0, wHh, bHh, B, H);
  activate(hOut, 0, gates, gh, 0, h, 0, B, H);
}

/**
 * Accumulates the gradients of one GRU step: dX (B, I), dH (B, H), dWIh (3H, I), dWHh (3H, H), dBIh (3H), dBHh (3H),
 * from dHOut (B, H), using the saved gates and gh. dGi, dGh (B, 3H) are scratch (overwritten).
 * Any gradient may be null to skip it; h null = zeros (then dH is ignored).
 */
export function gruCellBackward(
  dX: Float32Array | null, dH: Float32Array | null,
  dWIh: Float32Array | null, dWHh: Float32Array | null, dBIh: Float32Array | null, dBHh: Float32Array | null,
  dHOut: Float32Array,
  x: Float32Array, h: Float32Array | null, wIh: Float32Array, wHh: Float32Array,
  gates: Float32Array, gh: Float32Array, dGi: Float32Array, dGh: Float32Array,
  B: number, I: number, H: number,
): void {
  const G = 3 * H;
  gateGrads(dGi, dGh, 0, h === null ? null : dH, dHOut, h, 0, gates, gh, B, H);
  linearBackward(dX, dWIh, dBIh, dGi, x, wIh, B, I, G);
  if (h !== null) linearBackward(dH, dWHh, dBHh, dGh, h, wHh, B, H, G);
  else if (dBHh !== null) sumRowsInto(dBHh, dGh, B, G);
}

/**
 * hs (P, H) = every hidden state of a packed GRU run from the zero state over xs (P, I), batchSizes (T).
 * Saves gates and gh (P, 3H) for backward, as gruCellForward does per step.
 */
export function gruSequenceForward(
  hs: Float32Array, gates: Float32Array, gh: Float32Array, xs: Float32Array,
  wIh: Float32Array, wHh: Float32Array, bIh: Float32Array, bHh: Float32Array,
  batchSizes: Int32Array, I: number, H: number,
): void {
  const G = 3 * H, P = packedRows(batchSizes);
  linearForward(gates, xs, wIh, bIh, P, I, G); // gi of every step in one product
  (wasmRecurrence(H) ? gruRecurrenceWasm : gruRecurrenceJs)(hs, gates, gh, wHh, bHh, batchSizes, H);
}

/** The recurrence in JS: gates (P, 3H) gi in, [r, z, n] out; gh (P, 3H) and hs (P, H) out; batchSizes (T). */
export function gruRecurrenceJs(
  hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array, bHh: Float32Array, batchSizes: Int32Array, H: number,
): void {
  const G = 3 * H;
  for (let t = 0, o = 0, p = 0; t < batchSizes.length; p = o, o += batchSizes[t], t++) { // o: first row of step t, p: of step t − 1
    const prev = t === 0 ? null : hs, Bt = batchSizes[t];
    hiddenProduct(gh, o * G, prev, p * H, wHh, bHh, Bt, H); // h_{t−1}: the first Bt rows of step t − 1
    activate(hs, o * H, gates, gh, o * G, prev, p * H, Bt, H);
  }
}

/**
 * Accumulates the gradients of a whole packed sequence, dXs (P, I), dWIh, dWHh, dBIh, dBHh, from dHs (P, H),
 * the gradient of every output hidden state. Backpropagation through time runs only from the last step
 * with a non-zero gradient; the input-side products (dXs, dWIh) and dWHh are then one large product each.
 * Scratch: dGi, dGh (P, 3H); dh, carry (B, H) with B = batchSizes[0]; prev (P − B, H), the previous state
 * of every step from the second on, gathered for dWHh.
 */
export function gruSequenceBackward(
  dXs: Float32Array | null, dWIh: Float32Array | null, dWHh: Float32Array | null, dBIh: Float32Array | null, dBHh: Float32Array | null,
  dHs: Float32Array, xs: Float32Array, hs: Float32Array, wIh: Float32Array, wHh: Float32Array,
  gates: Float32Array, gh: Float32Array, dGi: Float32Array, dGh: Float32Array, dh: Float32Array, carry: Float32Array, prev: Float32Array,
  batchSizes: Int32Array, I: number, H: number,
): void {
  const G = 3 * H, B = batchSizes[0];
  let steps = batchSizes.length, R = packedRows(batchSizes);
  while (steps > 0 && isZero(dHs, (R - batchSizes[steps - 1]) * H, R * H)) R -= batchSizes[--steps];
  if (steps === 0) return;
  if (wasmRecurrence(H)) gruBackThroughTimeWasm(dGi, dGh, dHs, hs, gates, gh, wHh, batchSizes, steps, H);
  else gruBackThroughTimeJs(dGi, dGh, dHs, hs, gates, gh, wHh, batchSizes, steps, H, dh, carry);
  linearBackward(dXs, dWIh, dBIh, dGi, xs, wIh, R, I, G);
  if (dWHh !== null && steps > 1) {
    // prev row (o_t − B) + k ← h_{t−1} row p + k, k < batchSizes[t]: step t's previous states, side by side
    for (let t = 1, p = 0, o = B; t < steps; p = o, o += batchSizes[t], t++) {
      for (let k = 0, n = batchSizes[t] * H; k < n; k++) prev[(o - B) * H + k] = hs[p * H + k];
    }
    matmulTNAdd(dWHh, dGh, prev, G, R - B, H, 0, B * G, 0); // Σ_t≥1 dGh_tᵀ · h_{t−1}
  }
  if (dBHh !== null) sumRowsInto(dBHh, dGh, R, G);
}

/**
 * Backpropagation through the first `steps` steps of batchSizes (T) in JS: dGi, dGh (P, 3H) overwritten
 * from dHs (P, H) and the saved hs, gates, gh; dh, carry (B, H) are scratch. The carry into step t − 1
 * covers its first batchSizes[t] rows (the sequences that go on), the rest of its rows get dHs alone.
 */
export function gruBackThroughTimeJs(
  dGi: Float32Array, dGh: Float32Array, dHs: Float32Array, hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array,
  batchSizes: Int32Array, steps: number, H: number, dh: Float32Array, carry: Float32Array,
): void {
  const G = 3 * H, BH = batchSizes[0] * H;
  carry.fill(0, 0, BH);
  let o = packedRows(batchSizes, steps - 1); // the first row of step t
  for (let t = steps - 1; t >= 0; t--) {
    const Bt = batchSizes[t], p = t === 0 ? 0 : o - batchSizes[t - 1]; // the first row of step t − 1
    for (let k = 0; k < Bt * H; k++) dh[k] = dHs[o * H + k] + carry[k];
    carry.fill(0, 0, BH);
    gateGrads(dGi, dGh, o * G, t === 0 ? null : carry, dh, t === 0 ? null : hs, p * H, gates, gh, Bt, H);
    if (t > 0) matmulAdd(carry, dGh, wHh, Bt, G, H, 0, o * G); // carry (Bt, H) += dGh_t (Bt, 3H) · W_hh (3H, H)
    o = p;
  }
}

/** gh (B, 3H) at ghOff = h (B, H) at hOff · W_hhᵀ + b_hh, or b_hh alone for h = null. */
function hiddenProduct(
  gh: Float32Array, ghOff: number, h: Float32Array | null, hOff: number,
  wHh: Float32Array, bHh: Float32Array, B: number, H: number,
): void {
  const G = 3 * H;
  for (let o = ghOff; o < ghOff + B * G; o += G) gh.set(bHh, o);
  if (h !== null) matmulNTAdd(gh, h, wHh, B, H, G, ghOff, hOff, 0);
}

/**
 * Gate activations in place (gates (B, 3H) at gOff: gi in, [r, z, n] out) and hOut (B, H) at oOff,
 * from gh (B, 3H) at gOff and the previous state h (B, H) at hOff (null = zeros).
 */
function activate(
  hOut: Float32Array, oOff: number, gates: Float32Array, gh: Float32Array, gOff: number,
  h: Float32Array | null, hOff: number, B: number, H: number,
): void {
  const G = 3 * H;
  for (let b = 0; b < B; b++) {
    const g = gOff + b * G, o = oOff + b * H, p = hOff + b * H;
    for (let j = 0; j < H; j++) {
      const r = sigmoid(gates[g + j] + gh[g + j]);
      const z = sigmoid(gates[g + H + j] + gh[g + H + j]);
      const n = Math.tanh(gates[g + 2 * H + j] + r * gh[g + 2 * H + j]);
      gates[g + j] = r;
      gates[g + H + j] = z;
      gates[g + 2 * H + j] = n;
      hOut[o + j] = (1 - z) * n + (h === null ? 0 : z * h[p + j]);
    }
  }
}

/**
 * Pre-activation gradients of one step into dGi, dGh (B, 3H) at gOff (overwritten), from dhOut (B, H),
 * the saved gates and gh at gOff, and h (B, H) at hOff (null = zeros); dH (B, H) += dhOut ⊙ z unless null.
 */
function gateGrads(
  dGi: Float32Array, dGh: Float32Array, gOff: number, dH: Float32Array | null, dhOut: Float32Array,
  h: Float32Array | null, hOff: number, gates: Float32Array, gh: Float32Array, B: number, H: number,
): void {
  const G = 3 * H;
  for (let b = 0; b < B; b++) {
    const g = gOff + b * G, o = b * H, p = hOff + b * H;
    for (let j = 0; j < H; j++) {
      const r = gates[g + j], z = gates[g + H + j], n = gates[g + 2 * H + j];
      const hn = gh[g + 2 * H + j];
      const dh = dhOut[o + j];
      if (dH !== null) dH[o + j] += dh * z;
      const dnPre = dh * (1 - z) * (1 - n * n);
      const dzPre = dh * ((h === null ? 0 : h[p + j]) - n) * z * (1 - z);
      const drPre = dnPre * hn * r * (1 - r);
      dGi[g + j] = drPre;
      dGi[g + H + j] = dzPre;
      dGi[g + 2 * H + j] = dnPre;
      dGh[g + j] = drPre;
      dGh[g + H + j] = dzPre;
      dGh[g + 2 * H + j] = dnPre * r;
    }
  }
}

function isZero(a: Float32Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (a[k] !== 0) return false;
  return true;
}
