import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Arena, sizeClass, withArena } from '../../autograd/arena.ts';
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

test('size classes: at least n, at most 12.5% above it, monotonic, 8 per octave', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1 << 24 }), (n) => {
    const c = sizeClass(n);
    assert.ok(c >= n && c <= Math.max(16, n * 1.125), `class ${c} for ${n}`);
    assert.ok(sizeClass(n + 1) >= c, 'monotonic');
    assert.is(sizeClass(c), c, 'a class is its own class');
  }));
  const classes = new Set<number>();
  for (let n = 1025; n <= 2048; n++) classes.add(sizeClass(n));
  assert.is(classes.size, 8);
});

test('steps whose lengths vary: bounded memory, exact lengths, zeroed, no two live buffers overlap', () => {
  const arena = new Arena();
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const step = () => withArena(arena, () => {
    const lengths = Array.from({ length: 6 }, () => 1000 + Math.floor(rand() * 1000));
    const arrays = lengths.map((n) => arena.floats(n));
    arrays.forEach((a, i) => {
      assert.is(a.length, lengths[i]);
      assert.ok(a.every((v) => v === 0), 'zeroed');
    });
    arrays.forEach((a, i) => a.fill(i + 1));
    arrays.forEach((a, i) => assert.ok(a.every((v) => v === i + 1), 'no other buffer wrote into this one'));
    const ints = arena.ints(lengths[0]);
    assert.ok(ints.length === lengths[0] && ints.every((v) => v === 0));
    ints.fill(3);
  });
  for (let k = 0; k < 50; k++) step();
  const after50 = arena.bytes();
  for (let k = 0; k < 450; k++) step();
  // lengths 1000..1999 fall in 9 classes of at most 2048 floats; 6 live buffers + 1 int buffer per step
  assert.ok(arena.bytes() <= 9 * 7 * 2048 * 4, `arena holds ${arena.bytes()} bytes`);
  assert.ok(arena.bytes() <= after50 * 1.5, `grew from ${after50} to ${arena.bytes()} bytes`);
});

test.run();
