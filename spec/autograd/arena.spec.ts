import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Arena, withArena } from '../../autograd/arena.ts';
import { linear } from '../../autograd/ops/linalg.ts';
import { relu } from '../../autograd/ops/elementwise.ts';
import { sum } from '../../autograd/ops/reduce.ts';
import { backward, tensor } from '../../autograd/tensor.ts';

const test = suite('autograd/arena');

test('a repeated step reuses the same buffers and gives the same result', () => {
  const arena = new Arena();
  const w = tensor([0.5, -1, 2, 0.25], [2, 2], true);
  const step = () => withArena(arena, () => {
    const x = tensor([1, 2, -3, 4], [2, 2]);
    const out = relu(linear(x, w, null));
    w.grad = new Float32Array(4);
    const loss = sum(out);
    backward(loss);
    return { data: out.data, loss: loss.item(), grad: Array.from(w.grad) };
  });
  const first = step();
  const bytes = arena.bytes();
  const second = step();
  assert.is(second.data, first.data, 'same activation buffer');
  assert.is(arena.bytes(), bytes, 'no new buffers');
  assert.is(second.loss, first.loss);
  assert.equal(second.grad, first.grad);
});

test('buffers handed out again are zeroed', () => {
  const arena = new Arena();
  withArena(arena, () => arena.floats(3).fill(7));
  const again = withArena(arena, () => arena.floats(3));
  assert.equal(Array.from(again), [0, 0, 0]);
});

test.run();
