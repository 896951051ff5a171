// Masked regression losses -> scalar. target and mask are constants (no gradient).
import { huberBackward, huberForward, hystereticBackward, hystereticForward, mseBackward, mseForward } from '../../lib/kernels/loss.ts';
import { formatShape } from '../../lib/shape.ts';
import { Tensor, gradOf, record, zeros } from '../tensor.ts';

function checkSizes(pred: Tensor, target: Float32Array, mask: Float32Array | null, op: string): void {
  if (target.length !== pred.size || (mask !== null && mask.length !== pred.size)) {
    throw new RangeError(`${op}: prediction ${formatShape(pred.shape)} needs target and mask of ${pred.size} values`);
  }
}

/** Σ mask·(pred − target)² / Σ mask (0 when the mask is empty). */
export function mseLoss(pred: Tensor, target: Float32Array, mask: Float32Array | null = null): Tensor {
  checkSizes(pred, target, mask, 'mseLoss');
  const out = zeros([]);
  out.data[0] = mseForward(pred.data, target, mask, pred.size);
  return record(out, [pred], (dOut) => mseBackward(gradOf(pred)!, dOut[0], pred.data, target, mask, pred.size));
}

/** Masked mean Huber loss with threshold delta. */
export function huberLoss(pred: Tensor, target: Float32Array, mask: Float32Array | null = null, delta = 1): Tensor {
  checkSizes(pred, target, mask, 'huberLoss');
  const out = zeros([]);
  out.data[0] = huberForward(pred.data, target, mask, pred.size, delta);
  return record(out, [pred], (dOut) => huberBackward(gradOf(pred)!, dOut[0], pred.data, target, mask, pred.size, delta));
}

/** Hysteretic squared TD error: negative errors (target below prediction) scaled by h ∈ (0, 1]. */
export function hystereticLoss(pred: Tensor, target: Float32Array, mask: Float32Array | null, h: number): Tensor {
  checkSizes(pred, target, mask, 'hystereticLoss');
  const out = zeros([]);
  out.data[0] = hystereticForward(pred.data, target, mask, pred.size, h);
  return record(out, [pred], (dOut) => hystereticBackward(gradOf(pred)!, dOut[0], pred.data, target, mask, pred.size, h));
}
