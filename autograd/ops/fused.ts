// Fused ops, one autograd node each: GRU cell, GRU sequence, hypernetwork mixing, QPLEX head weights.
import { gruCellBackward, gruCellForward, gruSequenceBackward, gruSequenceForward } from '../../lib/kernels/gru.ts';
import { checkBatchSizes, packedRows } from '../../lib/kernels/packing.ts';
import { headWeightsBackward, headWeightsForward } from '../../lib/kernels/heads.ts';
import { hyperMixBackward, hyperMixForward } from '../../lib/kernels/hyper.ts';
import { formatShape } from '../../lib/shape.ts';
import { allocFloats } from '../arena.ts';
import { Tensor, empty, gradOf, record } from '../tensor.ts';

/**
 * h' (B, H) = GRU(x (B, I), h (B, H)) with wIh (3H, I), wHh (3H, H), bIh (3H), bHh (3H).
 * h = null is the zero initial state (skips the hidden-state products).
 */
export function gruCell(x: Tensor, h: Tensor | null, wIh: Tensor, wHh: Tensor, bIh: Tensor, bHh: Tensor): Tensor {
  const [B, I] = x.shape, H = bHh.size / 3;
  if ((h !== null && (h.shape[0] !== B || h.shape[1] !== H)) || wIh.size !== 3 * H * I || wHh.size !== 3 * H * H || bIh.size !== 3 * H || bHh.size !== 3 * H) {
    throw new RangeError(`gruCell: x ${formatShape(x.shape)}, h ${h === null ? 'zeros' : formatShape(h.shape)}, wIh ${formatShape(wIh.shape)} do not fit`);
  }
  const out = empty([B, H]);
  const gates = allocFloats(B * 3 * H, false), gh = allocFloats(B * 3 * H, false);
  gruCellForward(out.data, gates, gh, x.data, h === null ? null : h.data, wIh.data, wHh.data, bIh.data, bHh.data, B, I, H);
  const inputs = h === null ? [x, wIh, wHh, bIh, bHh] : [x, h, wIh, wHh, bIh, bHh];
  return record(out, inputs, (dOut) => {
    const dGi = allocFloats(B * 3 * H, false), dGh = allocFloats(B * 3 * H, false);
    gruCellBackward(gradOf(x), h === null ? null : gradOf(h), gradOf(wIh), gradOf(wHh), gradOf(bIh), gradOf(bHh), dOut,
      x.data, h === null ? null : h.data, wIh.data, wHh.data, gates, gh, dGi, dGh, B, I, H);
  });
}

/**
 * hs (P, H) = every hidden state of a GRU run from the zero state over packed time-major xs (P, I)
 * (lib/kernels/packing.ts: batchSizes (T) rows per step, non-increasing; all equal = row t·B + b is step t
 * of sequence b); the same values as gruCell steps over each sequence, as one node.
 */
export function gruSequence(xs: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor, bHh: Tensor, batchSizes: Int32Array): Tensor {
  const [rows, I] = xs.shape, H = bHh.size / 3;
  checkBatchSizes(batchSizes);
  const B = batchSizes[0], P = packedRows(batchSizes);
  if (rows !== P || wIh.size !== 3 * H * I || wHh.size !== 3 * H * H || bIh.size !== 3 * H) {
    throw new RangeError(`gruSequence: xs ${formatShape(xs.shape)} over ${batchSizes.length} steps of ${P} rows in all, wIh ${formatShape(wIh.shape)}, wHh ${formatShape(wHh.shape)} do not fit`);
  }
  const hs = empty([rows, H]);
  const gates = allocFloats(rows * 3 * H, false), gh = allocFloats(rows * 3 * H, false);
  gruSequenceForward(hs.data, gates, gh, xs.data, wIh.data, wHh.data, bIh.data, bHh.data, batchSizes, I, H);
  return record(hs, [xs, wIh, wHh, bIh, bHh], (dHs) => {
    const dGi = allocFloats(rows * 3 * H, false), dGh = allocFloats(rows * 3 * H, false);
    const dh = allocFloats(B * H, false), carry = allocFloats(B * H, false), prev = allocFloats((rows - B) * H, false);
    gruSequenceBackward(gradOf(xs), gradOf(wIh), gradOf(wHh), gradOf(bIh), gradOf(bHh), dHs, xs.data, hs.data,
      wIh.data, wHh.data, gates, gh, dGi, dGh, dh, carry, prev, batchSizes, I, H);
  });
}

/** qs (B, N), per-sample weights w (B, N·E) -> (B, E): out[b] = qs[b] · w[b] viewed as (N, E). */
export function hyperMix(qs: Tensor, w: Tensor, E: number): Tensor {
  const [B, N] = qs.shape;
  if (qs.shape.length !== 2 || w.size !== B * N * E) {
    throw new RangeError(`hyperMix: qs ${formatShape(qs.shape)} and weights ${formatShape(w.shape)} do not fit embed ${E}`);
  }
  const out = empty([B, E]);
  hyperMixForward(out.data, qs.data, w.data, B, N, E);
  return record(out, [qs, w], (dOut) => hyperMixBackward(gradOf(qs), gradOf(w), dOut, qs.data, w.data, B, N, E));
}

/** Row-wise dot product: a (B, E), b (B, E) -> (B, 1). The hypernetwork mix with one output. */
export function rowDot(a: Tensor, b: Tensor): Tensor {
  return hyperMix(a, b, 1);
}

/** QPLEX λ (B, N) = Σ_k key (B, K) ⊙ agents (B, K·N) ⊙ action (B, K·N). */
export function headWeights(key: Tensor, agents: Tensor, action: Tensor, N: number): Tensor {
  const [B, K] = key.shape;
  if (key.shape.length !== 2 || agents.size !== B * K * N || action.size !== B * K * N) {
    throw new RangeError(`headWeights: key ${formatShape(key.shape)}, agents ${formatShape(agents.shape)}, action ${formatShape(action.shape)} for ${N} agents`);
  }
  const out = empty([B, N]);
  headWeightsForward(out.data, key.data, agents.data, action.data, B, K, N);
  return record(out, [key, agents, action], (dOut) =>
    headWeightsBackward(gradOf(key), gradOf(agents), gradOf(action), dOut, key.data, agents.data, action.data, B, K, N));
}
