// Reference versions of the fused ops, composed from primitive autograd ops (for specs and benches).
import { add, affine, mul, sigmoid, tanh } from '../../autograd/ops/elementwise.ts';
import { linear, matmul } from '../../autograd/ops/linalg.ts';
import { concatRows, reshape, sliceCols, sliceRows } from '../../autograd/ops/layout.ts';
import type { Tensor } from '../../autograd/tensor.ts';

/** PyTorch's GRU cell written out with primitive ops. */
export function composedGru(x: Tensor, h: Tensor, wIh: Tensor, wHh: Tensor, bIh: Tensor, bHh: Tensor): Tensor {
  const H = h.shape[1];
  const gi = linear(x, wIh, bIh), gh = linear(h, wHh, bHh);
  const part = (t: Tensor, k: number) => sliceCols(t, k * H, (k + 1) * H);
  const r = sigmoid(add(part(gi, 0), part(gh, 0)));
  const z = sigmoid(add(part(gi, 1), part(gh, 1)));
  const n = tanh(add(part(gi, 2), mul(r, part(gh, 2))));
  return add(mul(affine(z, -1, 1), n), mul(z, h));
}

/** Hypernetwork mixing as one matmul per sample: out[b] = qs[b] (1, N) · w[b] (N, E). */
export function composedMix(qs: Tensor, w: Tensor, E: number): Tensor {
  const [B, N] = qs.shape, rows: Tensor[] = [];
  for (let b = 0; b < B; b++) rows.push(matmul(sliceRows(qs, b, b + 1), reshape(sliceRows(w, b, b + 1), [N, E])));
  return concatRows(rows);
}
