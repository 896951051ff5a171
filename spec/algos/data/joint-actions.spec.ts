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

test('the conditional argmax is the best joint action among those that keep the fixed agents’ actions', () => {
  fc.assert(fc.property(sizes, fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 625, maxLength: 625 }), fc.nat(), (nActions, values, seed) => {
    const J = jointSize(nActions), q = Float32Array.from(values.slice(0, J));
    const fixed = nActions.map((_, i) => (seed >> i) & 1), actions = nActions.map((n, i) => (seed >> (i + 4)) % n);
    const best = conditionalArgmax(q, 0, nActions, fixed, actions);
    const decoded = decodeJoint(best, nActions, new Int32Array(nActions.length));
    nActions.forEach((_, i) => { if (fixed[i]) assert.is(decoded[i], actions[i]); });
    for (let idx = 0; idx < J; idx++) {
      const d = decodeJoint(idx, nActions, new Int32Array(nActions.length));
      if (nActions.every((_, i) => !fixed[i] || d[i] === actions[i])) assert.ok(q[idx] <= q[best]);
    }
  }));
});

test.run();
