// Fused GRU cell over a batch, PyTorch gate convention and weight layout (gate rows r, z, n):
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)        z = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))  h' = (1 − z) ⊙ n + z ⊙ h
// B = batch, I = input features, H = hidden size. Row-major.
// h = null stands for the zero initial state: W_hh h vanishes, so its product (forward) and the
// dW_hh, dh products (backward) are skipped — results are bit-identical to passing zeros.
import { linearBackward, linearForward, sumRowsInto } from './linear.ts';
import { sigmoid } from './elementwise.ts';

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
  const G = 3 * H;
  linearForward(gates, x, wIh, bIh, B, I, G); // gates holds gi = W_ih x + b_ih for now
  if (h !== null) linearForward(gh, h, wHh, bHh, B, H, G);
  else for (let o = 0; o < B * G; o += G) gh.set(bHh, o);
  for (let b = 0; b < B; b++) {
    const g = b * G, o = b * H;
    for (let j = 0; j < H; j++) {
      const r = sigmoid(gates[g + j] + gh[g + j]);
      const z = sigmoid(gates[g + H + j] + gh[g + H + j]);
      const n = Math.tanh(gates[g + 2 * H + j] + r * gh[g + 2 * H + j]);
      gates[g + j] = r;
      gates[g + H + j] = z;
      gates[g + 2 * H + j] = n;
      hOut[o + j] = (1 - z) * n + (h === null ? 0 : z * h[o + j]);
    }
  }
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
  for (let b = 0; b < B; b++) {
    const g = b * G, o = b * H;
    for (let j = 0; j < H; j++) {
      const r = gates[g + j], z = gates[g + H + j], n = gates[g + 2 * H + j];
      const hn = gh[g + 2 * H + j];
      const dh = dHOut[o + j];
      if (dH !== null && h !== null) dH[o + j] += dh * z;
      const dnPre = dh * (1 - z) * (1 - n * n);
      const dzPre = dh * ((h === null ? 0 : h[o + j]) - n) * z * (1 - z);
      const drPre = dnPre * hn * r * (1 - r);
      dGi[g + j] = drPre;
      dGi[g + H + j] = dzPre;
      dGi[g + 2 * H + j] = dnPre;
      dGh[g + j] = drPre;
      dGh[g + H + j] = dzPre;
      dGh[g + 2 * H + j] = dnPre * r;
    }
  }
  linearBackward(dX, dWIh, dBIh, dGi, x, wIh, B, I, G);
  if (h !== null) linearBackward(dH, dWHh, dBHh, dGh, h, wHh, B, H, G);
  else if (dBHh !== null) sumRowsInto(dBHh, dGh, B, G);
}
