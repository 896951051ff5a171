import { suite } from 'uvu';
import fc from 'fast-check';
import { linearForward, sumRowsInto } from '../../../lib/kernels/linear.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, dim, seed } from '../../_support/tensors.ts';

const test = suite('lib/kernels/linear');

test('linearForward equals x·Wᵀ + b by plain loops, with and without bias', () => {
  fc.assert(fc.property(fc.record({ B: dim(7), I: dim(9), O: dim(9), s: seed() }), fc.boolean(), ({ B, I, O, s }, withBias) => {
    const rng = new Rng(s);
    const r = (n: number) => Float32Array.from({ length: n }, () => rng.range(-1, 1));
    const x = r(B * I), w = r(O * I), b = r(O), out = r(B * O); // out starts dirty: forward must overwrite
    linearForward(out, x, w, withBias ? b : null, B, I, O);
    const expected = new Float64Array(B * O);
    for (let n = 0; n < B; n++) for (let o = 0; o < O; o++) {
      let acc = withBias ? b[o] : 0;
      for (let i = 0; i < I; i++) acc += x[n * I + i] * w[o * I + i];
      expected[n * O + o] = acc;
    }
    assertClose(out, expected, 1e-5);
  }));
});

test('sumRowsInto accumulates column sums', () => {
  const dst = Float32Array.of(1, 1);
  sumRowsInto(dst, Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
  assertClose(dst, [10, 13], 0);
});

test.run();
