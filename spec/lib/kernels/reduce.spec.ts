// Row reductions against ndarray-ops (sum, sup, argmax over row views) and plain definitions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { logsumexpRowsForward, maxRowsForward, softmaxRowsForward, sumRowsForward } from '../../../lib/kernels/reduce.ts';
import { gatherForward } from '../../../lib/kernels/gather.ts';
import { mseForward, huberForward, hystereticForward } from '../../../lib/kernels/loss.ts';
import { Rng } from '../../../lib/rng.ts';
import { assertClose, dim, seed } from '../../_support/tensors.ts';

const test = suite('lib/kernels/reduce');
const cases = fc.record({ R: dim(8), C: dim(8), s: seed() });
const random = (n: number, rng: Rng) => Float32Array.from({ length: n }, () => rng.range(-3, 3));

test('sumRows and maxRows/argmax equal ndarray-ops sum, sup and argmax of each row', () => {
  fc.assert(fc.property(cases, ({ R, C, s }) => {
    const x = random(R * C, new Rng(s)), view = ndarray(x, [R, C]);
    const sums = new Float32Array(R), maxes = new Float32Array(R), arg = new Int32Array(R);
    sumRowsForward(sums, x, R, C);
    maxRowsForward(maxes, arg, x, null, R, C);
    for (let r = 0; r < R; r++) {
      const row = view.pick(r, null);
      assert.ok(Math.abs(sums[r] - ops.sum(row)) < 1e-5);
      assert.is(maxes[r], ops.sup(row));
      assert.is(arg[r], ops.argmax(row)[0]);
    }
  }));
});

test('masked max ignores masked columns and reports −1 for an empty row', () => {
  const out = new Float32Array(2), arg = new Int32Array(2);
  maxRowsForward(out, arg, Float32Array.of(5, 1, 2, 9, 9, 9), Uint8Array.of(0, 1, 1, 0, 0, 0), 2, 3);
  assert.equal([out[0], arg[0], out[1], arg[1]], [2, 2, -Infinity, -1]);
});

test('softmax rows sum to one and logsumexp equals log Σ exp', () => {
  fc.assert(fc.property(cases, ({ R, C, s }) => {
    const x = random(R * C, new Rng(s));
    const p = new Float32Array(R * C), lse = new Float32Array(R), sums = new Float32Array(R);
    softmaxRowsForward(p, x, R, C);
    sumRowsForward(sums, p, R, C);
    assertClose(sums, new Float32Array(R).fill(1), 1e-6);
    logsumexpRowsForward(lse, x, R, C);
    for (let r = 0; r < R; r++) {
      let acc = 0;
      for (let c = 0; c < C; c++) acc += Math.exp(x[r * C + c]);
      assert.ok(Math.abs(lse[r] - Math.log(acc)) < 1e-5);
      for (let c = 0; c < C; c++) assert.ok(Math.abs(p[r * C + c] - Math.exp(x[r * C + c] - lse[r])) < 1e-6);
    }
  }));
});

test('gather picks one column per row and rejects an index out of range', () => {
  const out = new Float32Array(2);
  gatherForward(out, Float32Array.of(1, 2, 3, 4, 5, 6), Int32Array.of(2, 0), 2, 3);
  assert.equal(Array.from(out), [3, 4]);
  assert.throws(() => gatherForward(out, new Float32Array(6), Int32Array.of(3, 0), 2, 3), /index 3 at row 0/);
});

test('masked losses: hand-worked values, and an empty mask gives 0', () => {
  const pred = Float32Array.of(1, 2, 5), target = Float32Array.of(0, 0, 0), mask = Float32Array.of(1, 1, 0);
  assert.is(mseForward(pred, target, mask, 3), 2.5); // (1 + 4) / 2
  assert.is(huberForward(pred, target, mask, 3, 1), 1); // (0.5 + 1.5) / 2
  assert.is(mseForward(pred, target, new Float32Array(3), 3), 0);
  // hysteretic, h = 0.5: δ = target − pred = −1, −2 (both negative): (0.25·1 + 0.25·4) / 2
  assert.is(hystereticForward(pred, target, mask, 3, 0.5), 0.625);
  assert.is(hystereticForward(target, pred, mask, 3, 0.5), 2.5); // positive errors are not scaled
});

test.run();
