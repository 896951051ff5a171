// QPLEX head weights against the sum over heads composed from primitive ops.
import { suite } from 'uvu';
import fc from 'fast-check';
import { Rng } from '../../../lib/rng.ts';
import { headWeights } from '../../../autograd/ops/fused.ts';
import { add, mul } from '../../../autograd/ops/elementwise.ts';
import { matmul } from '../../../autograd/ops/linalg.ts';
import { sliceCols } from '../../../autograd/ops/layout.ts';
import { Tensor, backward } from '../../../autograd/tensor.ts';
import { assertGradcheck } from '../../_support/gradcheck.ts';
import { assertClose, dim, randomTensor, seed } from '../../_support/tensors.ts';

const test = suite('lib/kernels/heads');

/** Σ_k (key[:, k] broadcast to N columns) ⊙ agents_k ⊙ action_k */
function composedHeads(key: Tensor, agents: Tensor, action: Tensor, N: number): Tensor {
  const K = key.shape[1];
  const ones = new Tensor(new Float32Array(N).fill(1), [1, N]);
  let total: Tensor | null = null;
  for (let k = 0; k < K; k++) {
    const keyCols = matmul(sliceCols(key, k, k + 1), ones);
    const head = mul(mul(keyCols, sliceCols(agents, k * N, (k + 1) * N)), sliceCols(action, k * N, (k + 1) * N));
    total = total === null ? head : add(total, head);
  }
  return total!;
}

const shapes = fc.record({ B: dim(4), K: dim(4), N: dim(5), s: seed() });

test('fused head weights and gradients equal the composed sum over heads', () => {
  fc.assert(fc.property(shapes, ({ B, K, N, s }) => {
    const rng = new Rng(s);
    const inputs = [randomTensor([B, K], rng), randomTensor([B, K * N], rng), randomTensor([B, K * N], rng)];
    const dOut = Float32Array.from({ length: B * N }, () => rng.range(-1, 1));
    const fused = headWeights(inputs[0], inputs[1], inputs[2], N);
    backward(fused, dOut);
    const grads = inputs.map((t) => t.grad!.slice());
    for (const t of inputs) t.grad = null;
    const composed = composedHeads(inputs[0], inputs[1], inputs[2], N);
    backward(composed, dOut);
    assertClose(fused.data, composed.data, 1e-6);
    inputs.forEach((t, k) => assertClose(grads[k], t.grad!, 1e-5, `gradient ${k}`));
  }));
});

test('fused head weights match central differences', () => {
  fc.assert(fc.property(shapes, ({ B, K, N, s }) => {
    const rng = new Rng(s);
    assertGradcheck(([k, a, c]) => headWeights(k, a, c, N),
      [randomTensor([B, K], rng), randomTensor([B, K * N], rng), randomTensor([B, K * N], rng)]);
  }), { numRuns: 40 });
});

test.run();
