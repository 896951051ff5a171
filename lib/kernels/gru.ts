// Fused GRU over a batch, PyTorch gate convention and weight layout (gate rows r, z, n):
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)        z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))  h' = (1 − z) ⊙ n + z ⊙ h
// B = batch, I = input features, H = hidden size, G = 3H (gate rows), T = time steps. Row-major;
// sequences are time-major: row t·B + b is step t of sequence b.
// h = null stands for the zero initial state: W_hh h vanishes, so its product (forward) and the
// dW_hh, dh products (backward) are skipped — results are bit-identical to passing zeros.
// Two entry points: one cell step (acting, and any custom recurrence), and a whole sequence from the
// zero state (training), which does every input-side product for all T steps as one large matmul.
import { linearBackward, linearForward, sumRowsInto } from './linear.ts';
import { matmulAdd, matmulNTAdd, matmulTNAdd } from './matmul.ts';
import { sigmoid } from './elementwise.ts';
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
 * hs (T·B, H) = every hidden state of T GRU steps from the zero state over xs (T·B, I). Saves gates and
 * gh (T·B, 3H) for backward, as gruCellForward does per step.
 */
export function gruSequenceForward(
  hs: Float32Array, gates: Float32Array, gh: Float32Array, xs: Float32Array,
  wIh: Float32Array, wHh: Float32Array, bIh: Float32Array, bHh: Float32Array,
  T: number, B: number, I: number, H: number,
): void {
  const G = 3 * H;
  linearForward(gates, xs, wIh, bIh, T * B, I, G); // gi of every step in one product
  (wasmRecurrence(H) ? gruRecurrenceWasm : gruRecurrenceJs)(hs, gates, gh, wHh, bHh, T, B, H);
}

/** The recurrence of T steps in JS: gates (T·B, 3H) gi in, [r, z, n] out; gh (T·B, 3H) and hs (T·B, H) out. */
export function gruRecurrenceJs(
  hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array, bHh: Float32Array, T: number, B: number, H: number,
): void {
  const G = 3 * H;
  for (let t = 0; t < T; t++) {
    const prev = t === 0 ? null : hs;
    hiddenProduct(gh, t * B * G, prev, (t - 1) * B * H, wHh, bHh, B, H);
    activate(hs, t * B * H, gates, gh, t * B * G, prev, (t - 1) * B * H, B, H);
  }
}

/**
 * Accumulates the gradients of a whole sequence, dXs (T·B, I), dWIh, dWHh, dBIh, dBHh, from dHs (T·B, H),
 * the gradient of every output hidden state. Backpropagation through time runs only from the last step
 * with a non-zero gradient; the input-side products (dXs, dWIh) and dWHh are then one large product each.
 * Scratch: dGi, dGh (T·B, 3H), dh, carry (B, H).
 */
export function gruSequenceBackward(
  dXs: Float32Array | null, dWIh: Float32Array | null, dWHh: Float32Array | null, dBIh: Float32Array | null, dBHh: Float32Array | null,
  dHs: Float32Array, xs: Float32Array, hs: Float32Array, wIh: Float32Array, wHh: Float32Array,
  gates: Float32Array, gh: Float32Array, dGi: Float32Array, dGh: Float32Array, dh: Float32Array, carry: Float32Array,
  T: number, B: number, I: number, H: number,
): void {
  const G = 3 * H, BH = B * H;
  let steps = T;
  while (steps > 0 && isZero(dHs, (steps - 1) * BH, steps * BH)) steps--;
  if (steps === 0) return;
  if (wasmRecurrence(H)) gruBackThroughTimeWasm(dGi, dGh, dHs, hs, gates, gh, wHh, steps, B, H);
  else gruBackThroughTimeJs(dGi, dGh, dHs, hs, gates, gh, wHh, steps, B, H, dh, carry);
  const R = steps * B;
  linearBackward(dXs, dWIh, dBIh, dGi, xs, wIh, R, I, G);
  if (dWHh !== null && steps > 1) matmulTNAdd(dWHh, dGh, hs, G, R - B, H, 0, B * G, 0); // Σ_t≥1 dGh_tᵀ · h_{t−1}
  if (dBHh !== null) sumRowsInto(dBHh, dGh, R, G);
}

/**
 * Backpropagation through the first `steps` steps in JS: dGi, dGh (steps·B, 3H) overwritten from dHs
 * (T·B, H) and the saved hs, gates, gh; dh, carry (B, H) are scratch.
 */
export function gruBackThroughTimeJs(
  dGi: Float32Array, dGh: Float32Array, dHs: Float32Array, hs: Float32Array, gates: Float32Array, gh: Float32Array, wHh: Float32Array,
  steps: number, B: number, H: number, dh: Float32Array, carry: Float32Array,
): void {
  const G = 3 * H, BH = B * H;
  carry.fill(0, 0, BH);
  for (let t = steps - 1; t >= 0; t--) {
    for (let k = 0; k < BH; k++) dh[k] = dHs[t * BH + k] + carry[k];
    carry.fill(0, 0, BH);
    gateGrads(dGi, dGh, t * B * G, t === 0 ? null : carry, dh, t === 0 ? null : hs, (t - 1) * BH, gates, gh, B, H);
    if (t > 0) matmulAdd(carry, dGh, wHh, B, G, H, 0, t * B * G); // carry (B, H) += dGh_t (B, 3H) · W_hh (3H, H)
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
