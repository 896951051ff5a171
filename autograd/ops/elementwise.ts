// Differentiable elementwise ops. Each: forward kernel call, then record() with its backward closure.
import {
  absBackward, absForward, addBackward, leakyReluBackward, leakyReluForward, addForward, affineBackward, affineForward, eluBackward, eluForward,
  logBackward, logForward, mulBackward, mulForward, reluBackward, reluForward, sigmoidBackward, sigmoidForward, tanhBackward, tanhForward,
} from '../../lib/kernels/elementwise.ts';
import { formatShape } from '../../lib/shape.ts';
import { Tensor, empty, gradOf, record } from '../tensor.ts';

export function relu(x: Tensor): Tensor {
  const out = empty(x.shape);
  reluForward(out.data, x.data, x.size);
  return record(out, [x], (dOut) => reluBackward(gradOf(x)!, dOut, x.data, x.size));
}

/** x if x > 0 else slope · x (PyTorch's default slope 0.01) */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  const out = empty(x.shape);
  leakyReluForward(out.data, x.data, x.size, slope);
  return record(out, [x], (dOut) => leakyReluBackward(gradOf(x)!, dOut, x.data, x.size, slope));
}

export function elu(x: Tensor): Tensor {
  const out = empty(x.shape);
  eluForward(out.data, x.data, x.size);
  return record(out, [x], (dOut) => eluBackward(gradOf(x)!, dOut, x.data, out.data, x.size));
}

/** |x| + eps (eps keeps QPLEX weights strictly positive). */
export function abs(x: Tensor, eps = 0): Tensor {
  const out = empty(x.shape);
  absForward(out.data, x.data, x.size, eps);
  return record(out, [x], (dOut) => absBackward(gradOf(x)!, dOut, x.data, x.size));
}

export function tanh(x: Tensor): Tensor {
  const out = empty(x.shape);
  tanhForward(out.data, x.data, x.size);
  return record(out, [x], (dOut) => tanhBackward(gradOf(x)!, dOut, out.data, x.size));
}

export function sigmoid(x: Tensor): Tensor {
  const out = empty(x.shape);
  sigmoidForward(out.data, x.data, x.size);
  return record(out, [x], (dOut) => sigmoidBackward(gradOf(x)!, dOut, out.data, x.size));
}

/** Natural logarithm (x > 0). */
export function log(x: Tensor): Tensor {
  const out = empty(x.shape);
  logForward(out.data, x.data, x.size);
  return record(out, [x], (dOut) => logBackward(gradOf(x)!, dOut, x.data, x.size));
}

/** alpha · x + beta */
export function affine(x: Tensor, alpha: number, beta = 0): Tensor {
  const out = empty(x.shape);
  affineForward(out.data, x.data, x.size, alpha, beta);
  return record(out, [x], (dOut) => affineBackward(gradOf(x)!, dOut, x.size, alpha));
}

/** b must have a's size, or be one row of a's last dimension (broadcast over rows). */
function broadcastSize(a: Tensor, b: Tensor, op: string): number {
  const last = a.shape.length === 0 ? 1 : a.shape[a.shape.length - 1];
  if (b.size === a.size || b.size === last) return b.size;
  throw new RangeError(`${op}: cannot broadcast ${formatShape(b.shape)} onto ${formatShape(a.shape)}`);
}

/** a + b, with b the same shape as a or one row broadcast over a's rows. */
export function add(a: Tensor, b: Tensor): Tensor {
  const bn = broadcastSize(a, b, 'add');
  const out = empty(a.shape);
  addForward(out.data, a.data, b.data, a.size, bn);
  return record(out, [a, b], (dOut) => addBackward(gradOf(a), gradOf(b), dOut, a.size, bn));
}

/** a · b elementwise, with b the same shape as a or one row broadcast over a's rows. */
export function mul(a: Tensor, b: Tensor): Tensor {
  const bn = broadcastSize(a, b, 'mul');
  const out = empty(a.shape);
  mulForward(out.data, a.data, b.data, a.size, bn);
  return record(out, [a, b], (dOut) => mulBackward(gradOf(a), gradOf(b), dOut, a.data, b.data, a.size, bn));
}

/** a − b (composed: a + (−1)·b). */
export function sub(a: Tensor, b: Tensor): Tensor {
  return add(a, affine(b, -1));
}

/** The same values with no gradient path (stop-gradient). */
export function detach(x: Tensor): Tensor {
  return new Tensor(x.data, x.shape, false);
}
