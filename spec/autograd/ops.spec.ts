// Every differentiable op's backward against central differences, over fast-check-generated shapes
// and values. Ops with kinks (relu, abs, max, huber) get inputs kept away from the kink.
import { suite } from 'uvu';
import fc from 'fast-check';
import { Rng } from '../../lib/rng.ts';
import {
  abs, add, affine, leakyRelu, hystereticLoss, concatCols, concatRows, elu, gather, huberLoss, linear, logsumexpRows, matmul, maxRows, mean, mseLoss,
  log, logEpsMixtureRows, mul, pick, relu, reshape, sigmoid, sliceCols, sliceRows, softmaxRows, sub, sum, sumRows, takeRows, tanh, type Tensor,
} from '../../autograd/index.ts';
import { assertGradcheck } from '../_support/gradcheck.ts';
import { dim, randomTensor, seed } from '../_support/tensors.ts';

const test = suite('autograd/ops');
const shapes = fc.record({ R: dim(5), C: dim(5), K: dim(4), s: seed() });
type Case = (R: number, C: number, K: number, rng: Rng) => [(t: Tensor[]) => Tensor, Tensor[]];

/** Rows of well-separated values in shuffled order, so the max is never near a tie. */
function spreadRows(R: number, C: number, rng: Rng): Tensor {
  const t = randomTensor([R, C], rng);
  for (let r = 0; r < R; r++) {
    const order = rng.shuffle(Array.from({ length: C }, (_, c) => c));
    for (let c = 0; c < C; c++) t.data[r * C + c] = 0.3 * order[c] + rng.range(-0.05, 0.05);
  }
  return t;
}

const cases: Record<string, Case> = {
  relu: (R, C, _K, rng) => [([x]) => relu(x), [randomTensor([R, C], rng, { gap: 0.05 })]],
  leakyRelu: (R, C, _K, rng) => [([x]) => leakyRelu(x, 0.01), [randomTensor([R, C], rng, { gap: 0.05 })]],
  elu: (R, C, _K, rng) => [([x]) => elu(x), [randomTensor([R, C], rng, { lo: -2, hi: 2, gap: 0.01 })]],
  abs: (R, C, _K, rng) => [([x]) => abs(x, 1e-10), [randomTensor([R, C], rng, { gap: 0.05 })]],
  tanh: (R, C, _K, rng) => [([x]) => tanh(x), [randomTensor([R, C], rng, { lo: -2, hi: 2 })]],
  sigmoid: (R, C, _K, rng) => [([x]) => sigmoid(x), [randomTensor([R, C], rng, { lo: -3, hi: 3 })]],
  log: (R, C, _K, rng) => [([x]) => log(x), [randomTensor([R, C], rng, { lo: 0.2, hi: 3 })]],
  'logEpsMixtureRows (ε 0.3)': (R, C, _K, rng) => [([x]) => logEpsMixtureRows(x, 0.3), [randomTensor([R, C], rng, { lo: -3, hi: 3 })]],
  'logEpsMixtureRows (ε 0)': (R, C, _K, rng) => [([x]) => logEpsMixtureRows(x, 0), [randomTensor([R, C], rng, { lo: -3, hi: 3 })]],
  affine: (R, C, _K, rng) => [([x]) => affine(x, -1.5, 0.25), [randomTensor([R, C], rng)]],
  add: (R, C, _K, rng) => [([a, b]) => add(a, b), [randomTensor([R, C], rng), randomTensor([R, C], rng)]],
  'add (row broadcast)': (R, C, _K, rng) => [([a, b]) => add(a, b), [randomTensor([R, C], rng), randomTensor([C], rng)]],
  mul: (R, C, _K, rng) => [([a, b]) => mul(a, b), [randomTensor([R, C], rng), randomTensor([R, C], rng)]],
  'mul (row broadcast)': (R, C, _K, rng) => [([a, b]) => mul(a, b), [randomTensor([R, C], rng), randomTensor([1, C], rng)]],
  'mul (same input twice)': (R, C, _K, rng) => [([a]) => mul(a, a), [randomTensor([R, C], rng)]],
  sub: (R, C, _K, rng) => [([a, b]) => sub(a, b), [randomTensor([R, C], rng), randomTensor([R, C], rng)]],
  linear: (R, C, K, rng) => [([x, w, b]) => linear(x, w, b), [randomTensor([R, C], rng), randomTensor([K, C], rng), randomTensor([K], rng)]],
  'linear (no bias)': (R, C, K, rng) => [([x, w]) => linear(x, w, null), [randomTensor([R, C], rng), randomTensor([K, C], rng)]],
  matmul: (R, C, K, rng) => [([a, b]) => matmul(a, b), [randomTensor([R, C], rng), randomTensor([C, K], rng)]],
  sumRows: (R, C, _K, rng) => [([x]) => sumRows(x), [randomTensor([R, C], rng)]],
  sum: (R, C, _K, rng) => [([x]) => sum(x), [randomTensor([R, C], rng)]],
  mean: (R, C, _K, rng) => [([x]) => mean(x), [randomTensor([R, C], rng)]],
  maxRows: (R, C, _K, rng) => [([x]) => maxRows(x), [spreadRows(R, C, rng)]],
  'maxRows (masked)': (R, C, _K, rng) => {
    const mask = Uint8Array.from({ length: R * C }, (_, i) => (i % C === 0 ? 1 : rng.int(2)));
    return [([x]) => maxRows(x, mask), [spreadRows(R, C, rng)]];
  },
  softmaxRows: (R, C, _K, rng) => [([x]) => softmaxRows(x), [randomTensor([R, C], rng, { lo: -2, hi: 2 })]],
  logsumexpRows: (R, C, _K, rng) => [([x]) => logsumexpRows(x), [randomTensor([R, C], rng, { lo: -2, hi: 2 })]],
  gather: (R, C, _K, rng) => {
    const index = Int32Array.from({ length: R }, () => rng.int(C));
    return [([x]) => gather(x, index), [randomTensor([R, C], rng)]];
  },
  'pick (repeated rows)': (R, C, K, rng) => {
    const rows = Int32Array.from({ length: K + R }, () => rng.int(R)), cols = Int32Array.from({ length: K + R }, () => rng.int(C));
    return [([x]) => pick(x, rows, cols), [randomTensor([R, C], rng)]];
  },
  reshape: (R, C, _K, rng) => [([x]) => mul(reshape(x, [C, R]), reshape(x, [C, R])), [randomTensor([R, C], rng)]],
  concatCols: (R, C, K, rng) => [([a, b]) => concatCols([a, b, a]), [randomTensor([R, C], rng), randomTensor([R, K], rng)]],
  concatRows: (R, C, K, rng) => [([a, b]) => concatRows([a, b]), [randomTensor([R, C], rng), randomTensor([K, C], rng)]],
  sliceCols: (R, C, _K, rng) => [([x]) => sliceCols(x, Math.floor(C / 2), C), [randomTensor([R, C], rng)]],
  sliceRows: (R, C, _K, rng) => [([x]) => sliceRows(x, 0, Math.ceil(R / 2)), [randomTensor([R, C], rng)]],
  'takeRows (repeated rows)': (R, C, K, rng) => {
    const rows = Int32Array.from({ length: K + R }, () => rng.int(R));
    return [([x]) => takeRows(x, rows), [randomTensor([R, C], rng)]];
  },
  mseLoss: (R, C, _K, rng) => {
    const target = Float32Array.from({ length: R * C }, () => rng.range(-1, 1));
    const mask = Float32Array.from({ length: R * C }, (_, i) => (i === 0 ? 1 : rng.int(2)));
    return [([x]) => mseLoss(x, target, mask), [randomTensor([R, C], rng)]];
  },
  hystereticLoss: (R, C, _K, rng) => {
    const pred = randomTensor([R, C], rng);
    const target = Float32Array.from(pred.data, (p) => p + (rng.int(2) ? 1 : -1) * rng.range(0.05, 1)); // δ away from 0
    const mask = Float32Array.from({ length: R * C }, (_, i) => (i === 0 ? 1 : rng.int(2)));
    return [([x]) => hystereticLoss(x, target, mask, 0.3), [pred]];
  },
  huberLoss: (R, C, _K, rng) => {
    const pred = randomTensor([R, C], rng);
    // |pred − target| is kept away from the kink at delta = 1
    const target = Float32Array.from(pred.data, (p) => p + (rng.int(2) ? 1 : -1) * (rng.int(2) ? rng.range(0, 0.9) : rng.range(1.1, 3)));
    return [([x]) => huberLoss(x, target, null, 1), [pred]];
  },
};

for (const [name, build] of Object.entries(cases)) {
  test(`${name}: backward matches central differences`, () => {
    fc.assert(fc.property(shapes, ({ R, C, K, s }) => {
      const [fn, inputs] = build(R, C, K, new Rng(s));
      assertGradcheck(fn, inputs);
    }), { numRuns: 30 });
  });
}

test.run();
