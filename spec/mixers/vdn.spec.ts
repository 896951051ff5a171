import { suite } from 'uvu';
import fc from 'fast-check';
import { vdn } from '../../mixers/vdn.ts';
import { Rng } from '../../lib/rng.ts';
import { backward } from '../../autograd/tensor.ts';
import { assertClose, dim, randomTensor, seed } from '../_support/tensors.ts';

const test = suite('mixers/vdn');

test('Q_tot is the sum of the utilities and ∂Q_tot/∂Q_i = 1', () => {
  fc.assert(fc.property(dim(8), dim(6), seed(), (B, N, s) => {
    const qs = randomTensor([B, N], new Rng(s));
    const qTot = vdn().mix({ qs });
    const sums = Array.from({ length: B }, (_, b) => qs.data.slice(b * N, b * N + N).reduce((x, y) => x + y, 0));
    assertClose(qTot.data, sums, 1e-6);
    backward(qTot, new Float32Array(B).fill(1));
    assertClose(qs.grad!, new Float32Array(B * N).fill(1), 0);
  }));
});

test.run();
