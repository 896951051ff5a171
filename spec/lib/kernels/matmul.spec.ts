import { suite } from 'uvu';
import fc from 'fast-check';
import { matmulAdd, matmulNaiveAdd, matmulNTAdd, matmulTNAdd } from '../../../lib/kernels/matmul.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, dim, seed } from '../../_support/tensors.ts';

const test = suite('lib/kernels/matmul');

function random(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.range(-1, 1));
}
function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
  return t;
}

const shapes = fc.record({ M: dim(11), K: dim(11), N: dim(11), s: seed() });

test('A·B equals the naive triple loop, accumulating into out', () => {
  fc.assert(fc.property(shapes, ({ M, K, N, s }) => {
    const rng = new Rng(s);
    const a = random(M * K, rng), b = random(K * N, rng), start = random(M * N, rng);
    const fast = start.slice(), slow = start.slice();
    matmulAdd(fast, a, b, M, K, N);
    matmulNaiveAdd(slow, a, b, M, K, N);
    assertClose(fast, slow, 1e-5);
  }));
});

test('A·Bᵀ equals the naive product with B transposed', () => {
  fc.assert(fc.property(shapes, ({ M, K, N, s }) => {
    const rng = new Rng(s);
    const a = random(M * K, rng), bT = random(N * K, rng);
    const fast = new Float32Array(M * N), slow = new Float32Array(M * N);
    matmulNTAdd(fast, a, bT, M, K, N);
    matmulNaiveAdd(slow, a, transpose(bT, N, K), M, K, N);
    assertClose(fast, slow, 1e-5);
  }));
});

test('Aᵀ·B equals the naive product with A transposed', () => {
  fc.assert(fc.property(shapes, ({ M, K, N, s }) => {
    const rng = new Rng(s);
    const aT = random(K * M, rng), b = random(K * N, rng);
    const fast = new Float32Array(M * N), slow = new Float32Array(M * N);
    matmulTNAdd(fast, aT, b, M, K, N);
    matmulNaiveAdd(slow, transpose(aT, K, M), b, M, K, N);
    assertClose(fast, slow, 1e-5);
  }));
});

test('the naive reference itself on a hand-worked 2x3 · 3x2 product', () => {
  const out = new Float32Array(4);
  matmulNaiveAdd(out, Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(7, 8, 9, 10, 11, 12), 2, 3, 2);
  assertClose(out, [58, 64, 139, 154], 0);
});

test.run();
