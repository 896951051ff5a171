import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { qplex } from '../../mixers/qplex.ts';
import { Rng } from '../../lib/rng.ts';
import { Tensor, noGrad } from '../../autograd/tensor.ts';
import { assertGradcheck } from '../_support/gradcheck.ts';
import { randomTensor, seed } from '../_support/tensors.ts';

const test = suite('mixers/qplex');

/** Every joint action of N agents with A actions each, agent 0 most significant. */
function jointActions(N: number, A: number): number[][] {
  const all: number[][] = [];
  for (let idx = 0; idx < A ** N; idx++) {
    const a: number[] = [];
    for (let i = N - 1, rest = idx; i >= 0; i--, rest = Math.floor(rest / A)) a[i] = rest % A;
    all.push(a);
  }
  return all;
}

test('IGM: the greedy joint action of Q_tot is the per-agent greedy action', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 }), seed(), (N, A, s) => {
    const rng = new Rng(s), S = 5;
    const mixer = qplex({ nAgents: N, stateDim: S, actionDim: N * A, heads: 3 }, rng);
    const utilities = Array.from({ length: N }, () => Array.from({ length: A }, () => rng.range(-5, 5)));
    const greedy = utilities.map((u) => u.indexOf(Math.max(...u)));
    const state = Array.from({ length: S }, () => rng.range(-2, 2));
    const joint = jointActions(N, A), B = joint.length;
    const qs = new Float32Array(B * N), maxQs = new Float32Array(B * N), onehot = new Float32Array(B * N * A), st = new Float32Array(B * S);
    joint.forEach((a, b) => {
      for (let i = 0; i < N; i++) {
        qs[b * N + i] = utilities[i][a[i]];
        maxQs[b * N + i] = Math.max(...utilities[i]);
        onehot[b * N * A + i * A + a[i]] = 1;
      }
      st.set(state, b * S);
    });
    const qTot = noGrad(() => mixer.mix({
      qs: new Tensor(qs, [B, N]), maxQs: new Tensor(maxQs, [B, N]), actions: new Tensor(onehot, [B, N * A]), state: new Tensor(st, [B, S]),
    }));
    let best = 0;
    for (let b = 1; b < B; b++) if (qTot.data[b] > qTot.data[best]) best = b;
    assert.equal(joint[best], greedy);
  }), { numRuns: 60 });
});

function inputs(rng: Rng, B: number, N: number, S: number, A: number) {
  const qs = randomTensor([B, N], rng);
  return {
    qs, state: randomTensor([B, S], rng), maxQs: randomTensor([B, N], rng, { requiresGrad: false }),
    actions: new Tensor(Float32Array.from({ length: B * A }, () => rng.int(2)), [B, A]),
  };
}

test('gradients match central differences (advantage zero: every path is differentiable)', () => {
  for (const s of [1, 2, 3]) {
    const rng = new Rng(s);
    const mixer = qplex({ nAgents: 2, stateDim: 3, actionDim: 4, transformHidden: 4, heads: 2, headHidden: 4 }, rng);
    const { qs, state, actions } = inputs(rng, 3, 2, 3, 4);
    assertGradcheck(([q, st]) => mixer.mix({ qs: q, maxQs: q, state: st, actions }), [qs, state, ...mixer.parameters()], { step: 1e-4 });
  }
});

test('with a nonzero advantage, gradients reach the attention networks as through (λ − 1)·A', () => {
  const rng = new Rng(9);
  const mixer = qplex({ nAgents: 2, stateDim: 3, actionDim: 4, transformHidden: 4, heads: 2, headHidden: 4 }, rng);
  const input = inputs(rng, 3, 2, 3, 4);
  const attention = mixer.parameters().slice(8); // after the w and v networks (2 × 4 tensors)
  assertGradcheck(() => mixer.mix(input), attention, { step: 1e-4 });
});

test('missing inputs are named', () => {
  const mixer = qplex({ nAgents: 2, stateDim: 3, actionDim: 4 }, new Rng(1));
  assert.throws(() => mixer.mix({ qs: randomTensor([1, 2], new Rng(1)), state: randomTensor([1, 3], new Rng(2)) }), /needs input.maxQs/);
});

test.run();
