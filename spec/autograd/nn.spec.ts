// Modules: PyTorch-default initialisation bounds, shapes, and two tiny supervised problems that must
// train to a low loss (XOR through an MLP; a GRU summing a sequence).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GRUCell, Linear, MLP, hypernetHead } from '../../autograd/nn.ts';
import { Adam } from '../../autograd/optim.ts';
import { mseLoss } from '../../autograd/ops/loss.ts';
import { concatRows } from '../../autograd/ops/layout.ts';
import { zeroGrad } from '../../autograd/params.ts';
import { Tensor, backward, tensor, zeros } from '../../autograd/tensor.ts';
import { Rng } from '../../lib/rng.ts';
import { uniformBatchSizes } from '../../lib/kernels/packing.ts';
import { assertClose } from '../_support/tensors.ts';

const test = suite('autograd/nn');

function maxAbs(t: Tensor): number {
  let m = 0;
  for (const v of t.data) m = Math.max(m, Math.abs(v));
  return m;
}

test('Linear and GRUCell draw from U(−1/√fan, 1/√fan) and fill most of the range', () => {
  const rng = new Rng(1);
  const lin = new Linear(16, 64, rng);
  assert.ok(maxAbs(lin.weight) <= 0.25 && maxAbs(lin.weight) > 0.24);
  assert.ok(maxAbs(lin.bias!) <= 0.25);
  const gru = new GRUCell(10, 64, rng);
  for (const p of gru.parameters()) assert.ok(maxAbs(p) <= 0.125 && maxAbs(p) > 0.1);
  assert.equal(gru.wIh.shape, [192, 10]);
  assert.throws(() => new Linear(0, 3, rng), /positive integers/);
});

test('MLP and hypernetHead shapes', () => {
  const rng = new Rng(2);
  const mlp = new MLP([3, 8, 2], rng);
  assert.equal(mlp.apply(zeros([5, 3])).shape, [5, 2]);
  assert.is(mlp.parameters().length, 4);
  assert.is(hypernetHead(6, 32, 12, 1, rng).layers.length, 1);
  assert.equal(hypernetHead(6, 32, 12, 2, rng).apply(zeros([4, 6])).shape, [4, 12]);
  assert.throws(() => hypernetHead(6, 32, 12, 0, rng), /layers/);
});

test('an MLP learns XOR', () => {
  const rng = new Rng(3);
  const net = new MLP([2, 16, 1], rng, 'tanh');
  const opt = new Adam(net.parameters(), { lr: 0.05 });
  const x = tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]), y = Float32Array.of(0, 1, 1, 0);
  let loss = Infinity;
  for (let i = 0; i < 400; i++) {
    zeroGrad(net.parameters());
    const l = mseLoss(net.apply(x), y);
    backward(l);
    opt.step();
    loss = l.item();
  }
  assert.ok(loss < 1e-3, `XOR loss ${loss}`);
});

test('GRUCell.unroll equals stepping the cell from a zero hidden state (values exactly, parameter gradients to rounding)', () => {
  const rng = new Rng(6), T = 4, B = 3, I = 2, H = 5;
  const cell = new GRUCell(I, H, rng);
  const xs = tensor(Float32Array.from({ length: T * B * I }, () => rng.range(-1, 1)), [T * B, I]);
  const dOut = Float32Array.from({ length: T * B * H }, () => rng.range(-1, 1));
  const unrolled = cell.unroll(xs, uniformBatchSizes(T, B));
  backward(unrolled, dOut);
  const grads = cell.parameters().map((p) => p.grad!.slice());
  zeroGrad(cell.parameters());
  let h = zeros([B, H]);
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) hs.push((h = cell.apply(tensor(xs.data.slice(t * B * I, (t + 1) * B * I), [B, I]), h)));
  const stepped = concatRows(hs);
  backward(stepped, dOut);
  assert.equal(Array.from(unrolled.data), Array.from(stepped.data));
  // the unroll sums each weight gradient over all steps in one product: float32 rounding may differ
  cell.parameters().forEach((p, k) => assertClose(p.grad!, grads[k], 1e-5, `parameter ${k}`));
});

test('a GRU learns to sum a sequence of 5 numbers', () => {
  const rng = new Rng(4), data = new Rng(5);
  const cell = new GRUCell(1, 16, rng), head = new Linear(16, 1, rng);
  const params = [...cell.parameters(), ...head.parameters()];
  const opt = new Adam(params, { lr: 0.01 });
  const B = 32, T = 5;
  let loss = Infinity;
  for (let it = 0; it < 600; it++) {
    const xs = Array.from({ length: T }, () => Float32Array.from({ length: B }, () => data.range(-0.5, 0.5)));
    const target = new Float32Array(B);
    for (const x of xs) for (let b = 0; b < B; b++) target[b] += x[b];
    zeroGrad(params);
    let h = zeros([B, 16]);
    for (const x of xs) h = cell.apply(tensor(x, [B, 1]), h);
    const l = mseLoss(head.apply(h), target);
    backward(l);
    opt.step();
    loss = l.item();
  }
  // the target's variance is 5/12 ≈ 0.42; a learned sum is two orders of magnitude below
  assert.ok(loss < 5e-3, `GRU sum loss ${loss}`);
});

test.run();
