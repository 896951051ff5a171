// The tape: accumulation across uses, deep graphs without recursion, no-grad mode, errors.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { add, affine, mul, tanh } from '../../autograd/ops/elementwise.ts';
import { sum } from '../../autograd/ops/reduce.ts';
import { Tensor, backward, noGrad, record, tensor } from '../../autograd/tensor.ts';
import { assertClose } from '../_support/tensors.ts';

const test = suite('autograd/tensor');

test('a tensor used several times accumulates every path: d/dx (x·x + 3x) = 2x + 3', () => {
  const x = tensor([1.5, -2], [2], true);
  backward(sum(add(mul(x, x), affine(x, 3))));
  assertClose(x.grad!, [6, -1], 1e-7);
});

test('gradients accumulate across backward calls until zeroed', () => {
  const x = tensor([2], [1], true);
  backward(sum(affine(x, 4)));
  backward(sum(affine(x, 4)));
  assertClose(x.grad!, [8], 0);
});

test('a 100 000-op chain runs backward without a stack overflow', () => {
  const x = tensor([0.5], [1], true);
  let y: Tensor = x;
  for (let i = 0; i < 100_000; i++) y = affine(y, 1, 0);
  backward(sum(tanh(y)));
  const expected = 1 - Math.tanh(0.5) ** 2;
  assert.ok(Math.abs(x.grad![0] - expected) < 1e-6);
});

test('noGrad records nothing; backward on it is a clear error', () => {
  const x = tensor([1], [1], true);
  const y = noGrad(() => affine(x, 2));
  assert.is(y.requiresGrad, false);
  assert.is(y.backwardFn, null);
  assert.throws(() => backward(y), /does not depend/);
});

test('backward needs a scalar root or a seed of the right size', () => {
  const x = tensor([1, 2], [2], true);
  assert.throws(() => backward(affine(x, 2)), /not a scalar/);
  assert.throws(() => backward(affine(x, 2), new Float32Array(3)), /length 3/);
});

test('a node whose gradient is exactly zero is skipped; any non-zero entry runs its closure', () => {
  for (const [scale, expectedCalls] of [[0, 0], [1, 1]] as const) {
    const x = tensor([1, 2, 3], [3], true);
    let calls = 0;
    const y = record(new Tensor(Float32Array.of(4, 5, 6), [3]), [x], () => calls++);
    backward(sum(mul(y, tensor([0, 0, scale], [3]))));
    assert.is(calls, expectedCalls, `scale ${scale}`);
    if (scale === 0) assert.equal(Array.from(x.grad ?? []), [0, 0, 0], 'inputs of a skipped node still get their (zero) gradient');
  }
});

test('Tensor refuses data that does not fit its shape', () => {
  assert.throws(() => tensor([1, 2, 3], [2, 2]), /does not fit shape \(2, 2\)/);
  assert.throws(() => tensor([1], [-1]), /non-negative/);
});

test.run();
