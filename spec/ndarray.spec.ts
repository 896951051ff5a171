import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ndarray from 'ndarray';
import { fromNdarray, toNdarray } from '../ndarray.ts';
import { tensor } from '../autograd/tensor.ts';

const test = suite('lib/ndarray');

test('toNdarray views the same data; fromNdarray copies any strided view row-major', () => {
  const t = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
  const view = toNdarray(t);
  assert.is(view.get(1, 2), 6);
  view.set(0, 0, 9);
  assert.is(t.data[0], 9);
  const back = fromNdarray(view.transpose(1, 0));
  assert.equal(back.shape, [3, 2]);
  assert.equal(Array.from(back.data), [9, 4, 2, 5, 3, 6]);
  assert.equal(Array.from(fromNdarray(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).lo(1, 0)).data), [3, 4]);
});

test.run();
