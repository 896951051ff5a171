// Staging helpers: a row broadcast by doubling copies, and a batch input entering a training step.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Arena, stepInput, withArena } from '../../../autograd/arena.ts';
import { BACKEND } from '../../../lib/wasm/backend.ts';
import { fillRows } from '../../../lib/wasm/memory.ts';
import { isResident } from '../../../lib/wasm/resident.ts';

const test = suite('lib/wasm/memory');

test('fillRows writes the row `rows` times from `at` and nothing else', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 5 }), (rows, C, at) => {
    const row = Float32Array.from({ length: C }, (_, c) => c + 1), heap = new Float32Array(at + rows * C + 3).fill(-1);
    fillRows(heap, at, row, rows);
    const expected = new Float32Array(heap.length).fill(-1);
    for (let r = 0; r < rows; r++) expected.set(row, at + r * C);
    assert.equal(Array.from(heap), Array.from(expected));
  }));
});

test('stepInput: a resident copy inside a step on the WebAssembly backend, the array itself otherwise', () => {
  const data = Float32Array.from({ length: 1000 }, (_, k) => k / 7);
  assert.is(stepInput(data), data, 'outside a step');
  const arena = new Arena();
  for (let step = 0; step < 2; step++) {
    withArena(arena, () => {
      const x = stepInput(data);
      assert.equal(Array.from(x), Array.from(data));
      if (BACKEND === 'js') assert.is(x, data);
      else if (step > 0) assert.ok(x !== data && isResident(x));
    });
  }
});

test.run();
