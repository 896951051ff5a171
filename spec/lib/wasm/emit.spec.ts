// The WebAssembly emitter: LEB128 encodings, and a small emitted module that validates and computes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { api } from '../../../lib/wasm/backend.ts';
import { Code, F32, I32, V128, emitModule, sleb, uleb } from '../../../lib/wasm/emit.ts';

const test = suite('lib/wasm/emit');

const decodeU = (bytes: number[]) => bytes.reduce((v, b, k) => v + (b & 0x7f) * 2 ** (7 * k), 0);
function decodeS(bytes: number[]): number {
  let v = 0, shift = 0;
  for (const b of bytes) { v |= (b & 0x7f) << shift; shift += 7; }
  return shift < 32 && bytes.at(-1)! & 0x40 ? v | (-1 << shift) : v;
}

test('LEB128 round trips; every byte but the last has its high bit set', () => {
  fc.assert(fc.property(fc.nat(), (n) => {
    const u = uleb(n);
    assert.is(decodeU(u), n);
    assert.ok(u.slice(0, -1).every((b) => b & 0x80) && !(u.at(-1)! & 0x80));
  }));
  fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n) => assert.is(decodeS(sleb(n)), n)));
  assert.equal([uleb(0), uleb(127), uleb(128), sleb(-1), sleb(64), sleb(-64)], [[0], [127], [128, 1], [0x7f], [0xc0, 0], [0x40]]);
});

test('an emitted module: a scalar dot product and a SIMD sum over memory', () => {
  // dot(a, b, n): Σ a[k]·b[k] as f32; sum4(p, n): f32x4 lanes summed, n a multiple of 4
  const dot = new Code();
  dot.f32Const0().set(4).i32(0).set(3);
  dot.loop().get(4).get(0).get(3).i32(2).shl().add().f32Load().get(1).get(3).i32(2).shl().add().f32Load().f32Mul().f32Add().set(4);
  dot.get(3).i32(1).add().tee(3).get(2).ltS().brIf(0).end().get(4);
  const sum = new Code();
  sum.v128Zero().set(3).i32(0).set(2);
  sum.loop().get(3).get(0).get(2).i32(2).shl().add().v128Load().f32x4Add().set(3).get(2).i32(4).add().tee(2).get(1).ltS().brIf(0).end();
  sum.get(3).f32x4Extract(0).get(3).f32x4Extract(1).f32Add().get(3).f32x4Extract(2).f32Add().get(3).f32x4Extract(3).f32Add();
  const bytes = emitModule([
    { name: 'dot', params: [I32, I32, I32], locals: [I32, F32], body: dot, results: [F32] },
    { name: 'sum4', params: [I32, I32], locals: [I32, V128], body: sum, results: [F32] },
  ]);
  const wasm = api!;
  assert.ok(wasm.validate(bytes));
  const memory = new wasm.Memory({ initial: 1 });
  const exports = new wasm.Instance(new wasm.Module(bytes), { env: { memory } }).exports as Record<string, unknown>;
  const heap = new Float32Array(memory.buffer);
  heap.set([1, 2, 3, 4, 5, 6, 7, 8], 0);
  heap.set([1, 0, 2, 0, 1, 0, 2, 0], 8);
  assert.is((exports.dot as (a: number, b: number, n: number) => number)(0, 32, 8), 1 + 6 + 5 + 14);
  assert.is((exports.sum4 as (p: number, n: number) => number)(0, 8), 36);
});

test('AVF_BACKEND picks the backend; an unknown value is an error that names it', () => {
  const run = (value: string) => spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./lib/wasm/backend.ts').then((m) => console.log(m.BACKEND))"], {
    env: { ...process.env, AVF_BACKEND: value }, encoding: 'utf8', cwd: new URL('../../..', import.meta.url).pathname,
  });
  assert.is(run('js').stdout.trim(), 'js');
  assert.is(run('wasm').stdout.trim(), 'wasm');
  const bad = run('gpu');
  assert.is.not(bad.status, 0);
  assert.match(bad.stderr, /AVF_BACKEND must be js or wasm, got 'gpu'/);
});

test.run();
