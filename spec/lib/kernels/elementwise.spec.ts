// Elementwise kernels against ndarray-ops as an independent oracle (it is code-generating, so it
// lives only in specs and benches). Backward passes are checked by the autograd gradchecks.
import { suite } from 'uvu';
import fc from 'fast-check';
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import {
  absForward, addForward, eluForward, leakyReluForward, mulForward, reluForward, sigmoidForward, tanhForward,
} from '../../../lib/kernels/elementwise.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, dim, seed } from '../../_support/tensors.ts';

const test = suite('lib/kernels/elementwise');
const cases = fc.record({ R: dim(9), C: dim(9), s: seed() });

function random(n: number, rng: Rng, scale = 3): Float32Array {
  return Float32Array.from({ length: n }, () => rng.range(-scale, scale));
}
function oracle(n: number, fill: (dest: ndarray.NdArray, x: ndarray.NdArray) => void, x: Float32Array): Float64Array {
  const dest = ndarray(new Float64Array(n));
  fill(dest, ndarray(Float64Array.from(x)));
  return dest.data as Float64Array;
}

test('relu, abs equal ndarray-ops maxs(·, 0) and abs', () => {
  fc.assert(fc.property(cases, ({ R, C, s }) => {
    const n = R * C, x = random(n, new Rng(s)), out = new Float32Array(n);
    reluForward(out, x, n);
    assertClose(out, oracle(n, (d, v) => ops.maxs(d, v, 0), x), 1e-7, 'relu');
    absForward(out, x, n);
    assertClose(out, oracle(n, (d, v) => ops.abs(d, v), x), 1e-7, 'abs');
  }));
});

test('leaky relu equals max(x, 0) + 0.01·min(x, 0) composed in ndarray-ops', () => {
  fc.assert(fc.property(cases, ({ R, C, s }) => {
    const n = R * C, x = random(n, new Rng(s)), out = new Float32Array(n);
    leakyReluForward(out, x, n, 0.01);
    const expected = oracle(n, (d, v) => {
      const neg = ndarray(new Float64Array(n));
      ops.mins(neg, v, 0);
      ops.mulseq(neg, 0.01);
      ops.maxs(d, v, 0);
      ops.addeq(d, neg);
    }, x);
    assertClose(out, expected, 1e-6, 'leaky relu');
  }));
});

test('elu equals max(x, 0) + exp(min(x, 0)) − 1 composed in ndarray-ops', () => {
  fc.assert(fc.property(cases, ({ R, C, s }) => {
    const n = R * C, x = random(n, new Rng(s)), out = new Float32Array(n);
    eluForward(out, x, n);
    const expected = oracle(n, (d, v) => {
      const neg = ndarray(new Float64Array(n));
      ops.mins(neg, v, 0);
      ops.exp(neg, neg);
      ops.subseq(neg, 1);
      ops.maxs(d, v, 0);
      ops.addeq(d, neg);
    }, x);
    assertClose(out, expected, 1e-6, 'elu');
  }));
});

test('sigmoid and tanh equal their exp compositions in ndarray-ops', () => {
  fc.assert(fc.property(cases, ({ R, C, s }) => {
    const n = R * C, x = random(n, new Rng(s)), out = new Float32Array(n);
    const sig = (d: ndarray.NdArray, v: ndarray.NdArray, k: number) => {
      ops.muls(d, v, -k);
      ops.expeq(d);
      ops.addseq(d, 1);
      ops.recipeq(d);
    };
    sigmoidForward(out, x, n);
    assertClose(out, oracle(n, (d, v) => sig(d, v, 1), x), 1e-6, 'sigmoid');
    tanhForward(out, x, n);
    assertClose(out, oracle(n, (d, v) => { sig(d, v, 2); ops.mulseq(d, 2); ops.subseq(d, 1); }, x), 1e-6, 'tanh');
  }));
});

test('add and mul broadcast a row over rows like a stride-0 ndarray view', () => {
  fc.assert(fc.property(cases, fc.boolean(), ({ R, C, s }, rowOnly) => {
    const rng = new Rng(s), n = R * C;
    const a = random(n, rng), bn = rowOnly ? C : n, b = random(bn, rng);
    const view = (data: Float32Array) => ndarray(Float64Array.from(data), [R, C], rowOnly && data === b ? [0, 1] : [C, 1]);
    for (const [kernel, oracleOp] of [[addForward, ops.add], [mulForward, ops.mul]] as const) {
      const out = new Float32Array(n), dest = ndarray(new Float64Array(n), [R, C]);
      kernel(out, a, b, n, bn);
      oracleOp(dest, view(a), view(b));
      assertClose(out, dest.data as Float64Array, 1e-6, kernel.name);
    }
  }));
});

test.run();
