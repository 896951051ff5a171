// Training arenas on the WebAssembly backend hand out buffers in the kernels' resident memory, used in
// place by the kernels; the memory grows only when an outermost step starts, after which every arena
// re-makes its views — no view handed out for a step is ever left detached. On the JS backend the same
// arenas hand out plain arrays.
import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Arena, withArena } from '../../../autograd/arena.ts';
import { reluForward } from '../../../lib/kernels/elementwise.ts';
import { matmulTNAdd } from '../../../lib/kernels/matmul.ts';
import { matmulNTAddJs } from '../../../lib/kernels/matmul-js.ts';
import { BACKEND } from '../../../lib/wasm/backend.ts';
import { linearWasm, matmulWasm } from '../../../lib/wasm/matmul.ts';
import { stageCounts } from '../../../lib/wasm/memory.ts';
import { isResident, residentBuffer } from '../../../lib/wasm/resident.ts';
import { Rng } from '../../../lib/rng.ts';

const test = suite('lib/wasm/resident');
const fillRandom = (x: Float32Array, rng: Rng) => {
  for (let k = 0; k < x.length; k++) x[k] = rng.range(-1, 1);
  return x;
};

test('after its first step, an arena’s float buffers live in the resident memory (plain arrays on the JS backend)', () => {
  const arena = new Arena();
  for (let step = 0; step < 3; step++) {
    withArena(arena, () => {
      const xs = [arena.floats(100), arena.floats(5000), arena.floats(3)];
      if (step > 0) for (const x of xs) assert.is(isResident(x), BACKEND === 'wasm', `step ${step}`);
      assert.equal(xs.map((x) => x.length), [100, 5000, 3]);
      assert.ok(arena.ints(7) instanceof Int32Array);
    });
  }
});

test('growing the memory leaves no stale view: another arena’s buffers are re-made when its next step starts', () => {
  if (BACKEND !== 'wasm') return;
  const small = new Arena(), big = new Arena(), rng = new Rng(1);
  withArena(small, () => small.floats(64));
  withArena(small, () => fillRandom(small.floats(64), rng)); // resident now
  const before = residentBuffer();
  // a step that needs far more than the memory has: refused buffers are plain arrays this step ...
  const sizes = [1 << 20, 3 << 20, 1 << 18];
  withArena(big, () => {
    const xs = sizes.map((n) => big.floats(n));
    assert.ok(xs.some((x) => !isResident(x)));
    assert.equal(xs.map((x) => x.length), sizes);
  });
  // ... and resident from the next step on, after the memory grew (which detaches every earlier view)
  withArena(big, () => {
    const xs = sizes.map((n) => big.floats(n));
    assert.ok(xs.every(isResident));
    assert.equal(xs.map((x) => x.length), sizes);
  });
  assert.ok(residentBuffer() !== before, 'the memory grew');
  withArena(small, () => {
    const x = small.floats(64);
    assert.is(x.length, 64);
    assert.ok(isResident(x) && x.buffer === residentBuffer());
  });
});

test('a nested step never grows the memory, so the outer step’s views stay attached', () => {
  if (BACKEND !== 'wasm') return;
  const outer = new Arena(), inner = new Arena();
  withArena(outer, () => outer.floats(256));
  withArena(outer, () => {
    const held = outer.floats(256);
    assert.ok(isResident(held));
    for (let k = 0; k < 2; k++) withArena(inner, () => inner.floats(8 << 20)); // more than the memory has
    assert.is(held.length, 256, 'not detached');
    held[255] = 1;
  });
  withArena(inner, () => assert.ok(isResident(inner.floats(8 << 20)))); // grew at the next outermost step
});

test('kernels give the same bits on resident operands (in place) as on plain arrays (copied)', () => {
  if (BACKEND !== 'wasm') return;
  const arena = new Arena(), rng = new Rng(2), M = 37, K = 64, N = 19;
  const a = fillRandom(new Float32Array(M * K), rng), w = fillRandom(new Float32Array(N * K), rng), bias = fillRandom(new Float32Array(N), rng);
  const plain = new Float32Array(M * N), linPlain = new Float32Array(M * N);
  matmulWasm('nt', plain, a, w, M, K, N, 0, 0, 0);
  linearWasm(linPlain, a, w, bias, M, K, N);
  for (let step = 0; step < 3; step++) {
    withArena(arena, () => {
      const ra = arena.floats(M * K), out = arena.floats(M * N), lin = arena.floats(M * N);
      ra.set(a);
      const counts = { ...stageCounts };
      matmulWasm('nt', out, ra, w, M, K, N, 0, 0, 0);
      linearWasm(lin, ra, w, bias, M, K, N);
      if (step > 0) assert.is(stageCounts.resident - counts.resident, 2, 'both calls ran in the resident memory');
      assert.equal(Array.from(out), Array.from(plain));
      assert.equal(Array.from(lin), Array.from(linPlain));
    });
  }
  const js = new Float32Array(M * N);
  matmulNTAddJs(js, a, w, M, K, N);
  for (let k = 0; k < js.length; k++) assert.ok(Math.abs(js[k] - plain[k]) < 1e-4);
});

test('dispatch depends on shapes only: a weight gradient with 2 rows and ReLU give the same bits in place and copied', () => {
  const arena = new Arena(), rng = new Rng(3), M = 2, K = 1600, N = 64;
  const a = fillRandom(new Float32Array(K * M), rng), b = fillRandom(new Float32Array(K * N), rng), x = fillRandom(new Float32Array(K * N), rng);
  const plain = new Float32Array(M * N), reluPlain = new Float32Array(K * N);
  matmulTNAdd(plain, a, b, M, K, N);
  reluForward(reluPlain, x, K * N);
  for (let step = 0; step < 3; step++) {
    withArena(arena, () => {
      const ra = arena.floats(K * M), rb = arena.floats(K * N), rx = arena.floats(K * N), out = arena.floats(M * N), r = arena.floats(K * N);
      ra.set(a);
      rb.set(b);
      rx.set(x);
      matmulTNAdd(out, ra, rb, M, K, N);
      reluForward(r, rx, K * N);
      assert.equal(Array.from(out), Array.from(plain), `step ${step}`);
      assert.equal(Array.from(r), Array.from(reluPlain));
    });
  }
});

test('an operand that does not fit its array (or a view of a memory that has grown since) is an error, not a silent write', () => {
  const out = new Float32Array(10), a = new Float32Array(64), w = new Float32Array(64);
  assert.throws(() => matmulWasm('nn', out, a, w, 4, 8, 8, 0, 0, 0), /do not fit an array of 10/);
  if (BACKEND !== 'wasm') return;
  const arena = new Arena();
  let kept: Float32Array = new Float32Array(0);
  withArena(arena, () => arena.floats(16));
  withArena(arena, () => (kept = arena.floats(16)));
  withArena(new Arena(), () => new Arena().floats(1)); // nothing grew yet: still attached
  const other = new Arena();
  withArena(other, () => other.floats(64 << 20));
  withArena(other, () => other.floats(64 << 20)); // this step's start grew the memory
  assert.is(kept.length, 0, 'detached');
  assert.throws(() => linearWasm(kept, new Float32Array(32), new Float32Array(32), null, 4, 8, 4), /a view kept across a step/);
});

test('an arena that is collected gives its blocks back: the next one gets the same offsets (run under --expose-gc)', () => {
  if (BACKEND !== 'wasm') return;
  const script = new URL('../../_support/resident-gc.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const { before, after } = JSON.parse(r.stdout) as { before: number[]; after: number[] };
  assert.ok(before.every((at) => at >= 0), 'resident in the first arena');
  assert.equal(after, before);
});

test.run();
