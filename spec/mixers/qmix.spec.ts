import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { qmix } from '../../mixers/qmix.ts';
import { Rng } from '../../lib/rng.ts';
import { backward } from '../../autograd/tensor.ts';
import { sum } from '../../autograd/ops/reduce.ts';
import { assertGradcheck } from '../_support/gradcheck.ts';
import { dim, randomTensor, seed } from '../_support/tensors.ts';

const test = suite('mixers/qmix');

test('∂Q_tot/∂Q_i ≥ 0 for any state, utilities and weights (monotonic)', () => {
  fc.assert(fc.property(dim(3), dim(5), dim(8), fc.integer({ min: 1, max: 2 }), seed(), (N, B, S, layers, s) => {
    const rng = new Rng(s);
    const mixer = qmix({ nAgents: N, stateDim: S, embed: 8, hypernetEmbed: 8, hypernetLayers: layers }, rng);
    for (const p of mixer.parameters()) for (let i = 0; i < p.size; i++) p.data[i] *= 1 + 9 * rng.uniform(); // any weights
    const qs = randomTensor([B, N], rng, { lo: -20, hi: 20 });
    backward(sum(mixer.mix({ qs, state: randomTensor([B, S], rng, { lo: -5, hi: 5, requiresGrad: false }) })));
    assert.ok(qs.grad!.every((g) => g >= 0), `negative ∂Q_tot/∂Q_i: ${Array.from(qs.grad!)}`);
  }), { numRuns: 60 });
});

test('Q_tot has shape (B, 1); parameters match the layout (2-layer hypernets)', () => {
  const mixer = qmix({ nAgents: 2, stateDim: 36 }, new Rng(1));
  assert.equal(mixer.mix({ qs: randomTensor([5, 2], new Rng(2)), state: randomTensor([5, 36], new Rng(3)) }).shape, [5, 1]);
  // W1: 36·32+32 + 32·64+64; b1: 36·32+32; Wf: 36·32+32 + 32·32+32; V: 36·32+32 + 32+1
  const expected = (36 * 32 + 32 + 32 * 64 + 64) + (36 * 32 + 32) + (36 * 32 + 32 + 32 * 32 + 32) + (36 * 32 + 32 + 33);
  assert.is(mixer.parameters().reduce((n, p) => n + p.size, 0), expected);
  assert.throws(() => mixer.mix({ qs: randomTensor([5, 2], new Rng(2)) }), /needs input.state/);
});

// Fixed seeds and a small step: the hypernetworks' ReLU and |·| have kinks a larger step can straddle.
test('gradients w.r.t. utilities, state and every parameter match central differences', () => {
  for (const s of [1, 2, 3, 4]) {
    const rng = new Rng(s);
    const mixer = qmix({ nAgents: 3, stateDim: 4, embed: 4, hypernetEmbed: 5, hypernetLayers: 2 }, rng);
    const qs = randomTensor([3, 3], rng), state = randomTensor([3, 4], rng);
    assertGradcheck(([q, st]) => mixer.mix({ qs: q, state: st }), [qs, state, ...mixer.parameters()], { step: 1e-4 });
  }
});

test.run();
