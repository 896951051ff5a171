import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { clipGradNorm, copyParams, flattenParams, gradNorm, loadFlatParams, polyakUpdate, zeroGrad } from '../../autograd/params.ts';
import { Tensor } from '../../autograd/tensor.ts';
import { assertClose } from '../_support/tensors.ts';

const test = suite('autograd/params');
const t = (values: number[], shape = [values.length]) => new Tensor(Float32Array.from(values), shape, true);

test('Polyak: target ← ω·target + (1 − ω)·online', () => {
  const target = [t([1, 2])], online = [t([3, 6])];
  polyakUpdate(target, online, 0.75);
  assertClose(target[0].data, [1.5, 3], 1e-7);
  assert.throws(() => polyakUpdate(target, online, 1.5), /ω/);
  assert.throws(() => polyakUpdate(target, [t([1, 2, 3])], 0.5), /shape/);
});

test('clipGradNorm scales to the max norm and returns the norm before', () => {
  const a = t([0, 0]), b = t([0]);
  a.grad = Float32Array.of(3, 0);
  b.grad = Float32Array.of(4);
  assert.ok(Math.abs(clipGradNorm([a, b], 1) - 5) < 1e-6);
  assert.ok(Math.abs(gradNorm([a, b]) - 1) < 1e-5);
  assertClose(a.grad, [0.6, 0], 1e-5);
  const before = a.grad.slice();
  clipGradNorm([a, b], 10); // under the limit: unchanged
  assertClose(a.grad, before, 0);
});

test('flatten / load round-trips and refuses a wrong length; copy and zeroGrad', () => {
  const params = [t([1, 2, 3, 4], [2, 2]), t([5])];
  const flat = flattenParams(params);
  assertClose(flat, [1, 2, 3, 4, 5], 0);
  const other = [t([0, 0, 0, 0], [2, 2]), t([0])];
  loadFlatParams(other, flat);
  assertClose(other[0].data, [1, 2, 3, 4], 0);
  assert.throws(() => loadFlatParams(other, new Float32Array(4)), /4 values for 5/);
  copyParams(other, [t([9, 9, 9, 9], [2, 2]), t([9])]);
  assertClose(other[1].data, [9], 0);
  other[0].grad = Float32Array.of(1, 1, 1, 1);
  zeroGrad(other);
  assertClose(other[0].grad, [0, 0, 0, 0], 0);
  assert.ok(other[1].grad !== null && other[1].grad.length === 1);
});

test.run();
