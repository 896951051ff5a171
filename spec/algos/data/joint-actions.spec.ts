import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { conditionalArgmax, decodeJoint, encodeJoint, jointSize } from '../../../algos/data/joint-actions.ts';

const test = suite('algos/joint-actions');
const sizes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 });

test('encode and decode are inverse; agent 0 is the most significant digit', () => {
  fc.assert(fc.property(sizes, fc.nat(), (nActions, seed) => {
    const idx = seed % jointSize(nActions), out = new Int32Array(nActions.length);
    assert.is(encodeJoint(decodeJoint(idx, nActions, out), nActions), idx);
  }));
  assert.is(encodeJoint([1, 0], [3, 4]), 4);
  assert.is(encodeJoint([0, 3], [3, 4]), 3);
});

/** The definition: every joint index in order, decoded; the first strictly greatest among the allowed. */
function referenceArgmax(q: Float32Array, row: number, nActions: number[], fixed: number[], actions: number[]): number {
  const J = jointSize(nActions), d = new Int32Array(nActions.length);
  let best = -1;
  for (let idx = 0; idx < J; idx++) {
    decodeJoint(idx, nActions, d);
    if (nActions.every((_, i) => !fixed[i] || d[i] === actions[i]) && (best < 0 || q[row * J + idx] > q[row * J + best])) best = idx;
  }
  return best;
}

test('the conditional argmax is the first best joint action among those that keep the fixed agents’ actions', () => {
  // values from a small set, so that ties are common; a random row of a (3, J) matrix
  fc.assert(fc.property(sizes, fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3 * 625, maxLength: 3 * 625 }), fc.nat(), fc.nat(2), (nActions, values, seed, row) => {
    const J = jointSize(nActions), q = Float32Array.from(values.slice(0, 3 * J));
    const fixed = nActions.map((_, i) => (seed >> i) & 1), actions = nActions.map((n, i) => (seed >> (i + 4)) % n);
    const best = conditionalArgmax(q, row, nActions, fixed, actions);
    const decoded = decodeJoint(best, nActions, new Int32Array(nActions.length));
    nActions.forEach((_, i) => { if (fixed[i]) assert.is(decoded[i], actions[i]); });
    assert.is(best, referenceArgmax(q, row, nActions, fixed, actions));
  }));
  // more agents than the scratch first holds
  const many = [2, 3, 2, 2, 3, 2, 2, 2, 2, 2], q = Float32Array.from({ length: jointSize(many) }, (_, k) => Math.sin(k * 7.1));
  const fixed = many.map((_, i) => i % 3 === 0 ? 1 : 0), actions = many.map((n, i) => i % n);
  assert.is(conditionalArgmax(q, 0, many, fixed, actions), referenceArgmax(q, 0, many, fixed, actions));
});

test.run();
