// The packed layout of sequences of different lengths (lib/kernels/packing.ts): batch sizes, positions
// and offsets against their definitions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { checkBatchSizes, packLengths, packedOffsets, uniformBatchSizes } from '../../../lib/kernels/packing.ts';

const test = suite('lib/kernels/packing');
const lengthLists = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }).map((a) => Int32Array.from(a));

test('step t holds exactly the sequences longer than t, longest first, equal lengths in their order', () => {
  fc.assert(fc.property(lengthLists, (lengths) => {
    const { batchSizes, position } = packLengths(lengths), B = lengths.length;
    assert.is(batchSizes.length, Math.max(...lengths));
    assert.equal([...position].sort((a, b) => a - b), Array.from({ length: B }, (_, k) => k)); // a permutation
    for (let t = 0; t < batchSizes.length; t++) {
      for (let b = 0; b < B; b++) assert.is(position[b] < batchSizes[t], lengths[b] > t, `sequence ${b} at step ${t}`);
    }
    for (let a = 0; a < B; a++) {
      for (let b = 0; b < B; b++) {
        if (position[a] < position[b]) assert.ok(lengths[a] > lengths[b] || (lengths[a] === lengths[b] && a < b));
      }
    }
    checkBatchSizes(batchSizes); // non-increasing and positive
  }));
});

test('offsets sum the batch sizes; equal lengths give the plain time-major layout', () => {
  fc.assert(fc.property(lengthLists, (lengths) => {
    const { batchSizes } = packLengths(lengths), off = packedOffsets(batchSizes);
    assert.is(off[batchSizes.length], lengths.reduce((a, n) => a + n, 0));
    for (let t = 0; t < batchSizes.length; t++) assert.is(off[t + 1] - off[t], batchSizes[t]);
  }));
  const { batchSizes, position } = packLengths(Int32Array.of(3, 3, 3));
  assert.equal(batchSizes, uniformBatchSizes(3, 3));
  assert.equal(Array.from(position), [0, 1, 2]);
  assert.equal(Array.from(packedOffsets(batchSizes)), [0, 3, 6, 9]);
});

test('batch sizes that grow, or hold a zero, are refused by name', () => {
  for (const bad of [[2, 3], [2, 0], []]) {
    assert.throws(() => checkBatchSizes(Int32Array.from(bad)), /positive and non-increasing/);
  }
});

test.run();
