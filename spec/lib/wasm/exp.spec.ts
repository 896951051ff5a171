// The SIMD exp / sigmoid / tanh (lib/wasm/exp.ts) against Math.exp / Math.tanh in float64, over the
// whole input range the GRU sees (fast-check) and dense grids; the bounds stated in exp.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { wasmKernels } from '../../../lib/wasm/backend.ts';
import { heapFor } from '../../../lib/wasm/memory.ts';

const test = suite('lib/wasm/exp');
type Name = 'exp' | 'sigmoid' | 'tanh';

/** f applied by the kernel to xs (any length; padded to a multiple of 4). */
function mapped(name: Name, xs: readonly number[]): Float32Array {
  const n = Math.ceil(xs.length / 4) * 4, heap = heapFor(2 * n);
  heap.fill(0, 0, 2 * n);
  heap.set(xs, 0);
  wasmKernels()[`map_${name}`](4 * n, 0, n);
  return heapFor(2 * n).slice(n, n + xs.length);
}

const REF = { exp: Math.exp, sigmoid: (x: number) => 1 / (1 + Math.exp(-x)), tanh: Math.tanh };
const f32 = (x: number) => Math.fround(x);

/** Largest error over xs: relative for exp, absolute for sigmoid and tanh. */
function maxError(name: Name, xs: number[]): number {
  const got = mapped(name, xs);
  return Math.max(...xs.map((x, i) => {
    const want = REF[name](f32(x));
    return name === 'exp' ? Math.abs(got[i] - want) / want : Math.abs(got[i] - want);
  }));
}

const grid = (from: number, to: number, n: number) => Array.from({ length: n }, (_, k) => from + ((to - from) * k) / (n - 1));

test('exp: relative error ≤ 4e-7 on [−87, 88]', () => {
  assert.ok(maxError('exp', grid(-87, 88, 20001)) <= 4e-7);
  fc.assert(fc.property(fc.array(fc.float({ min: -87, max: 88, noNaN: true }), { minLength: 1, maxLength: 64 }), (xs) => maxError('exp', xs) <= 4e-7));
});

test('sigmoid and tanh: absolute error ≤ 3e-7 everywhere, saturation far out', () => {
  for (const name of ['sigmoid', 'tanh'] as const) {
    assert.ok(maxError(name, grid(-30, 30, 20001)) <= 3e-7, name);
    fc.assert(fc.property(fc.array(fc.float({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 64 }), (xs) => maxError(name, xs) <= 3e-7));
  }
  const [low, high] = mapped('sigmoid', [-200, 200]);
  assert.ok(low >= 0 && low < 1e-37 && high === 1, `${low} ${high}`); // e^87.3 caps the input: σ(−200) = 6e-39
  assert.equal(Array.from(mapped('tanh', [-200, 200])), [-1, 1]);
});

test.run();
