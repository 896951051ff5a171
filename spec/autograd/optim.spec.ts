// Optimiser steps against values worked by hand (two steps, gradients 0.5 then −1, starting at 1).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Adam, RMSprop } from '../../autograd/optim.ts';
import { Tensor } from '../../autograd/tensor.ts';

const test = suite('autograd/optim');

function twoSteps(make: (p: Tensor) => { step(): void }): number[] {
  const p = new Tensor(Float32Array.of(1), [1], true);
  const opt = make(p);
  const seen: number[] = [];
  for (const g of [0.5, -1]) {
    p.grad = Float32Array.of(g);
    opt.step();
    seen.push(p.data[0]);
  }
  return seen;
}

test('Adam: the first step moves by lr; the second by lr·m̂/√v̂', () => {
  // step 1: m̂ = 0.5, v̂ = 0.25 -> 1 − 0.1 = 0.9
  // step 2: m = −0.055, v = 0.00124975, m̂ = −0.28947, v̂ = 0.62519 -> 0.9 + 0.1·0.28947/0.79069 = 0.936610
  const [a, b] = twoSteps((p) => new Adam([p], { lr: 0.1 }));
  assert.ok(Math.abs(a - 0.9) < 1e-6, `step 1 gave ${a}`);
  assert.ok(Math.abs(b - 0.9366104) < 1e-6, `step 2 gave ${b}`);
});

test('RMSprop: v = αv + (1−α)g², p −= lr·g/√v', () => {
  // step 1: v = 0.0025 -> 1 − 0.01·0.5/0.05 = 0.9; step 2: v = 0.012475 -> 0.9 + 0.01/0.111692 = 0.989532
  const [a, b] = twoSteps((p) => new RMSprop([p], { lr: 0.01, alpha: 0.99 }));
  assert.ok(Math.abs(a - 0.9) < 1e-6, `step 1 gave ${a}`);
  assert.ok(Math.abs(b - 0.9895323) < 1e-6, `step 2 gave ${b}`);
});

test('parameters without a gradient are left alone', () => {
  const p = new Tensor(Float32Array.of(3), [1], true);
  new Adam([p], { lr: 0.1 }).step();
  assert.is(p.data[0], 3);
});

test('bad settings are rejected with the name of the problem', () => {
  const p = new Tensor(Float32Array.of(1), [1], true);
  assert.throws(() => new Adam([p], { lr: -1 }), /learning rate/);
  assert.throws(() => new Adam([p], { lr: 0.1, beta1: 1 }), /betas/);
  assert.throws(() => new RMSprop([p], { lr: Number.NaN }), /learning rate/);
});

test.run();
