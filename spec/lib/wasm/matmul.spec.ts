// The WebAssembly SIMD matrix products against their JS twins (lib/kernels/matmul-js.ts), in all three
// layouts, over fast-check shapes (every tile and edge path: rows mod 4, columns mod 8 and mod 4), with
// element offsets into larger buffers; and memory growth between calls.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { matmulAddJs, matmulNTAddJs, matmulTNAddJs } from '../../../lib/kernels/matmul-js.ts';
import { matmulAdd, WASM_MIN_MACS } from '../../../lib/kernels/matmul.ts';
import { wasmKernels, wasmSimdAvailable } from '../../../lib/wasm/backend.ts';
import { linearBackwardWasm, matmulWasm } from '../../../lib/wasm/matmul.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, seed } from '../../_support/tensors.ts';

const test = suite('lib/wasm/matmul');
const random = (n: number, rng: Rng) => Float32Array.from({ length: n }, () => rng.range(-1, 1));
const JS = { nn: matmulAddJs, nt: matmulNTAddJs, tn: matmulTNAddJs } as const;
/** Tolerance: float32 sums of K products of values in [-1, 1], summed in another order. */
const tolerance = (K: number) => 1e-6 * (K + 4);

test('WebAssembly SIMD validates on this runtime', () => {
  assert.ok(wasmSimdAvailable());
});

const shapes = fc.record({
  M: fc.integer({ min: 1, max: 21 }), K: fc.integer({ min: 1, max: 40 }), N: fc.integer({ min: 1, max: 27 }),
  oOff: fc.integer({ min: 0, max: 5 }), aOff: fc.integer({ min: 0, max: 5 }), bOff: fc.integer({ min: 0, max: 5 }), s: seed(),
});

for (const layout of ['nn', 'nt', 'tn'] as const) {
  test(`${layout}: equals the JS kernel, accumulating into out, at any offsets`, () => {
    fc.assert(fc.property(shapes, ({ M, K, N, oOff, aOff, bOff, s }) => {
      const rng = new Rng(s);
      const a = random(aOff + M * K + 3, rng), b = random(bOff + K * N + 3, rng), start = random(oOff + M * N + 3, rng);
      const wasm = start.slice(), js = start.slice();
      matmulWasm(layout, wasm, a, b, M, K, N, oOff, aOff, bOff);
      JS[layout](js, a, b, M, K, N, oOff, aOff, bOff);
      assertClose(wasm, js, tolerance(K));
    }), { numRuns: 150 });
  });
}

test('A·Bᵀ with fewer than 4 columns runs as SIMD dot products (a Q head over 2 actions): equals the JS kernel, any K tail', () => {
  fc.assert(fc.property(fc.record({ M: fc.integer({ min: 1, max: 40 }), K: fc.integer({ min: 1, max: 300 }), N: fc.integer({ min: 1, max: 3 }), s: seed() }), ({ M, K, N, s }) => {
    const rng = new Rng(s), a = random(M * K + 2, rng), b = random(N * K + 2, rng), start = random(M * N, rng);
    const wasm = start.slice(), js = start.slice();
    matmulWasm('nt', wasm, a, b, M, K, N, 0, 1, 2);
    matmulNTAddJs(js, a, b, M, K, N, 0, 1, 2);
    assertClose(wasm, js, tolerance(K));
  }), { numRuns: 100 });
});

test('linear backward: dInp, dW and dB from one staging equal the JS products and row sums (any null gradient skipped)', () => {
  fc.assert(fc.property(fc.record({ B: fc.integer({ min: 1, max: 30 }), I: fc.integer({ min: 1, max: 21 }), O: fc.integer({ min: 1, max: 19 }), skip: fc.integer({ min: 0, max: 3 }), s: seed() }), ({ B, I, O, skip, s }) => {
    const rng = new Rng(s);
    const dOut = random(B * O, rng), inp = random(B * I, rng), w = random(O * I, rng);
    const start = [random(B * I, rng), random(O * I, rng), random(O, rng)];
    const wasm = start.map((a) => a.slice()), js = start.map((a) => a.slice());
    linearBackwardWasm(skip === 0 ? null : wasm[0], skip === 1 ? null : wasm[1], skip === 2 ? null : wasm[2], dOut, inp, w, B, I, O);
    if (skip !== 0) matmulAddJs(js[0], dOut, w, B, O, I);
    if (skip !== 1) matmulTNAddJs(js[1], dOut, inp, O, B, I);
    if (skip !== 2) for (let r = 0; r < B; r++) for (let c = 0; c < O; c++) js[2][c] += dOut[r * O + c];
    assertClose(wasm[0], js[0], tolerance(O), 'dInp');
    assertClose(wasm[1], js[1], tolerance(B), 'dW');
    assertClose(wasm[2], js[2], tolerance(B), 'dB');
  }), { numRuns: 100 });
});

test('the canonical sizes (1600x64 · 64x192 and its backward layouts)', () => {
  const rng = new Rng(1), [M, K, N] = [1600, 64, 192];
  for (const layout of ['nn', 'nt', 'tn'] as const) {
    const a = random(M * K, rng), b = random(K * N, rng), wasm = new Float32Array(M * N), js = new Float32Array(M * N);
    matmulWasm(layout, wasm, a, b, M, K, N, 0, 0, 0);
    JS[layout](js, a, b, M, K, N, 0, 0, 0);
    assertClose(wasm, js, tolerance(K));
  }
});

test('memory grows for a larger product and later calls see fresh views', () => {
  const { memory } = wasmKernels(), before = memory.buffer.byteLength, rng = new Rng(2);
  const [M, K, N] = [700, 300, 160]; // about 0.9 MB of staged floats beyond the current memory
  assert.ok((M * N + M * K + K * N) * 4 > before || before > 0);
  const a = random(M * K, rng), b = random(K * N, rng), wasm = new Float32Array(M * N), js = new Float32Array(M * N);
  matmulWasm('nn', wasm, a, b, M, K, N, 0, 0, 0);
  matmulAddJs(js, a, b, M, K, N);
  assertClose(wasm, js, tolerance(K));
  assert.ok(memory.buffer.byteLength >= (M * N + M * K + K * N) * 4);
  const small = new Float32Array(4 * 8), expected = new Float32Array(4 * 8), x = random(4 * 5, rng), y = random(5 * 8, rng);
  matmulWasm('nn', small, x, y, 4, 5, 8, 0, 0, 0); // after the grow: a fresh view, not the detached one
  matmulAddJs(expected, x, y, 4, 5, 8);
  assertClose(small, expected, tolerance(5));
});

test('the dispatch sends large products to WebAssembly and small ones to JS (same results either way)', () => {
  const rng = new Rng(3), [M, K, N] = [16, 16, 16];
  assert.ok(M * K * N >= WASM_MIN_MACS);
  const a = random(M * K, rng), b = random(K * N, rng), viaDispatch = new Float32Array(M * N), js = new Float32Array(M * N);
  matmulAdd(viaDispatch, a, b, M, K, N);
  matmulAddJs(js, a, b, M, K, N);
  assertClose(viaDispatch, js, tolerance(K));
});

test.run();
