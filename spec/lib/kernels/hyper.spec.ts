// Fused hypernetwork mixing against per-sample matrix products composed from primitive ops.
import { suite } from 'uvu';
import fc from 'fast-check';
import { Rng } from '../../../lib/rng.ts';
import { hyperMix, rowDot } from '../../../autograd/ops/fused.ts';
import { composedMix } from '../../_support/composed.ts';
import { sumRows } from '../../../autograd/ops/reduce.ts';
import { mul } from '../../../autograd/ops/elementwise.ts';
import { backward } from '../../../autograd/tensor.ts';
import { assertGradcheck } from '../../_support/gradcheck.ts';
import { assertClose, dim, randomTensor, seed } from '../../_support/tensors.ts';

const test = suite('lib/kernels/hyper');

const shapes = fc.record({ B: dim(5), N: dim(5), E: dim(6), s: seed() });

test('fused mixing and its gradients equal per-sample matmuls', () => {
  fc.assert(fc.property(shapes, ({ B, N, E, s }) => {
    const rng = new Rng(s);
    const qs = randomTensor([B, N], rng), w = randomTensor([B, N * E], rng);
    const dOut = Float32Array.from({ length: B * E }, () => rng.range(-1, 1));
    const fused = hyperMix(qs, w, E);
    backward(fused, dOut);
    const [dq, dw] = [qs.grad!.slice(), w.grad!.slice()];
    qs.grad = w.grad = null;
    const composed = composedMix(qs, w, E);
    backward(composed, dOut);
    assertClose(fused.data, composed.data, 1e-6, 'mix');
    assertClose(dq, qs.grad!, 1e-5, 'dqs');
    assertClose(dw, w.grad!, 1e-5, 'dw');
  }));
});

test('fused mixing matches central differences', () => {
  fc.assert(fc.property(shapes, ({ B, N, E, s }) => {
    const rng = new Rng(s);
    assertGradcheck(([qs, w]) => hyperMix(qs, w, E), [randomTensor([B, N], rng), randomTensor([B, N * E], rng)]);
  }), { numRuns: 40 });
});

test('rowDot equals Σ of the elementwise product', () => {
  fc.assert(fc.property(shapes, ({ B, E, s }) => {
    const rng = new Rng(s);
    const a = randomTensor([B, E], rng), b = randomTensor([B, E], rng);
    assertClose(rowDot(a, b).data, sumRows(mul(a, b)).data, 1e-6);
  }));
});

test.run();
