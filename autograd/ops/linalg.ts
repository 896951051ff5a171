// Differentiable matrix ops: linear layer and plain matrix product.
import { linearBackward, linearForward } from '../../lib/kernels/linear.ts';
import { matmulAdd, matmulNTAdd, matmulTNAdd } from '../../lib/kernels/matmul.ts';
import { formatShape } from '../../lib/shape.ts';
import { Tensor, empty, gradOf, record, zeros } from '../tensor.ts';

/** x (B, I) · w (O, I)ᵀ + b (O) -> (B, O); b may be null. */
export function linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  const [B, I] = x.shape, [O, wI] = w.shape;
  if (x.shape.length !== 2 || w.shape.length !== 2 || wI !== I || (b !== null && b.size !== O)) {
    throw new RangeError(`linear: x ${formatShape(x.shape)}, w ${formatShape(w.shape)}, b ${b ? formatShape(b.shape) : 'none'} do not fit`);
  }
  const out = empty([B, O]);
  linearForward(out.data, x.data, w.data, b === null ? null : b.data, B, I, O);
  const parents = b === null ? [x, w] : [x, w, b];
  return record(out, parents, (dOut) =>
    linearBackward(gradOf(x), gradOf(w), b === null ? null : gradOf(b), dOut, x.data, w.data, B, I, O));
}

/** a (M, K) · b (K, N) -> (M, N) */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const [M, K] = a.shape, [bK, N] = b.shape;
  if (a.shape.length !== 2 || b.shape.length !== 2 || K !== bK) {
    throw new RangeError(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} do not fit`);
  }
  const out = zeros([M, N]);
  matmulAdd(out.data, a.data, b.data, M, K, N);
  return record(out, [a, b], (dOut) => {
    const dA = gradOf(a), dB = gradOf(b);
    if (dA !== null) matmulNTAdd(dA, dOut, b.data, M, N, K); // dA (M, K) += dOut (M, N) · b (K, N)ᵀ
    if (dB !== null) matmulTNAdd(dB, a.data, dOut, K, M, N); // dB (K, N) += a (M, K)ᵀ · dOut (M, N)
  });
}
