// The AVF learner: TD targets worked by hand, Mac-IGM of the conditional argmax, gradients reaching
// running agents, and the one-step (primitive) case.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import type { AgentNet } from '../../../algos/nets/agent-net.ts';
import { AvfLearner } from '../../../algos/learners/avf.ts';
import { buildBatch } from '../../../algos/data/batch.ts';
import { ReplayBuffer } from '../../../algos/data/replay-buffer.ts';
import { algorithm, resolveConfig } from '../../../algos/algorithms.ts';
import { backward, noGrad, Tensor } from '../../../autograd/tensor.ts';
import { Rng } from '../../../lib/rng.ts';
import { makeMixer, type MixerKind } from '../../../mixers/index.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';
import { assertClose } from '../../_support/tensors.ts';

const test = suite('algos/avf-learner');
const g = 0.9;

/** A learner whose utilities ignore the input: every weight 0, head biases as given (Q_i = bias). */
function constantLearner(algo: 'avf-vdn' | 'avf-qmix' | 'avf-qplex', online: number[][], target: number[][]) {
  const learner = algorithm(algo).makeLearner(resolveConfig({ algo, env: 'bp-10', gamma: g }), FIG2_LAYOUT, new Rng(1)) as AvfLearner;
  for (const p of [...learner.params, ...learner.targetParams]) p.data.fill(0);
  learner.nets.forEach((n, i) => (n as AgentNet).head.bias!.data.set(online[i]));
  learner.targets.forEach((n, i) => (n as AgentNet).head.bias!.data.set(target[i]));
  return learner;
}

test('VDN targets on the Figure 2 records, worked by hand', () => {
  // online Q: agent 0 [1, 2], agent 1 [3, 0]; target Q: agent 0 [5, 7], agent 1 [4, 6]
  const learner = constantLearner('avf-vdn', [[1, 2], [3, 0]], [[5, 7], [4, 6]]);
  const batch = buildBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT, 'joint-macro');
  const y = learner.tdTargets(batch);
  // t0: agent 0 runs action 0 (target 5); agent 1 ended, online argmax 0 (target 4); τ = 1
  // t3: agent 0 ended, online argmax 1 (target 7); agent 1 runs action 0 (target 4); τ = 3
  // t5: agent 0 runs action 1 (7); agent 1 ended (4); τ = 2.  t6: agent 0 ended (7); agent 1 runs 1 (6); τ = 1
  // t9: agent 0 ended (7); agent 1 runs 1 (6); τ = 3
  const rJ = [1, 2 + g * 3 + g * g * 4, 5 + g * 6, 7, 8 + g * 9 + g * g * 10];
  const tau = [1, 3, 2, 1, 3], next = [5 + 4, 7 + 4, 7 + 4, 7 + 6, 7 + 6];
  assertClose(y, rJ.map((r, k) => r + g ** tau[k] * next[k]), 1e-5);
});

test('a terminal record does not bootstrap', () => {
  const learner = constantLearner('avf-vdn', [[1, 2], [3, 0]], [[5, 7], [4, 6]]);
  const batch = buildBatch([{ episode: fig2Episode(g, true, true), start: 7 }], 3, FIG2_LAYOUT, 'joint-macro');
  assert.is(batch.R, 1);
  assertClose(learner.tdTargets(batch), [8 + g * 9 + g * g * 10], 1e-5);
});

test('Mac-IGM: over joint actions that keep running agents’ actions, the factored value peaks at the per-agent argmax of the terminated agents', () => {
  fc.assert(fc.property(fc.constantFrom<MixerKind>('vdn', 'qmix', 'qplex'), fc.integer({ min: 0, max: 1e6 }), (kind, seed) => {
    const rng = new Rng(seed), N = 3, A = 3, S = 4;
    const mixer = makeMixer(kind, { nAgents: N, stateDim: S, actionDim: N * A, embed: 8, hypernetEmbed: 8, heads: 2 }, rng);
    const utilities = Array.from({ length: N }, () => Array.from({ length: A }, () => rng.range(-3, 3)));
    const running = Array.from({ length: N }, () => rng.int(2) === 1), kept = Array.from({ length: N }, () => rng.int(A));
    const state = Array.from({ length: S }, () => rng.range(-1, 1));
    const joint: number[][] = [];
    for (let idx = 0; idx < A ** N; idx++) {
      const a = [Math.floor(idx / 9) % 3, Math.floor(idx / 3) % 3, idx % 3];
      if (a.every((ai, i) => !running[i] || ai === kept[i])) joint.push(a);
    }
    const B = joint.length;
    const qs = new Float32Array(B * N), maxQs = new Float32Array(B * N), onehot = new Float32Array(B * N * A), st = new Float32Array(B * S);
    joint.forEach((a, b) => {
      a.forEach((ai, i) => {
        qs[b * N + i] = utilities[i][ai];
        maxQs[b * N + i] = running[i] ? utilities[i][ai] : Math.max(...utilities[i]); // conditional V (§6.3)
        onehot[b * N * A + i * A + ai] = 1;
      });
      st.set(state, b * S);
    });
    const qTot = noGrad(() => mixer.mix({ qs: new Tensor(qs, [B, N]), state: new Tensor(st, [B, S]), maxQs: new Tensor(maxQs, [B, N]), actions: new Tensor(onehot, [B, N * A]) }));
    let best = 0;
    for (let b = 1; b < B; b++) if (qTot.data[b] > qTot.data[best]) best = b;
    const conditionalArgmax = utilities.map((u, i) => (running[i] ? kept[i] : u.indexOf(Math.max(...u))));
    assert.equal(joint[best], conditionalArgmax);
  }), { numRuns: 120 });
});

test('gradients reach every agent network, including agents whose macro-action is still running', () => {
  for (const algo of ['avf-vdn', 'avf-qmix', 'avf-qplex'] as const) {
    const learner = algorithm(algo).makeLearner(resolveConfig({ algo, env: 'bp-10', gamma: g }), FIG2_LAYOUT, new Rng(2)) as AvfLearner;
    // one record, t3, where agent 1 is still running
    const batch = buildBatch([{ episode: fig2Episode(g), start: 1 }], 3, FIG2_LAYOUT, 'joint-macro');
    assert.is(batch.R, 1);
    assert.equal([batch.valid[0][0], batch.valid[1][0]], [1, 0]);
    backward(learner.loss(batch));
    for (const net of learner.nets) assert.ok((net as AgentNet).head.weight.grad!.some((v) => v !== 0), `${algo}: no gradient`);
  }
});

test('the optional hysteresis scales negative TD errors of Q_tot by h (worked on VDN with constant utilities)', () => {
  const online = [[6, 16], [12, 1]];
  const make = (h: number) => {
    const learner = constantLearner('avf-vdn', online, [[5, 7], [4, 6]]);
    learner.hysteresis = h;
    return learner;
  };
  const batch = buildBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT, 'joint-macro');
  const y = make(1).tdTargets(batch);
  const qTot = Array.from({ length: batch.R }, (_, r) => online[0][batch.action[0][r]] + online[1][batch.action[1][r]]);
  assert.ok(qTot.some((q, k) => y[k] < q) && qTot.some((q, k) => y[k] > q), 'the case needs TD errors of both signs');
  for (const h of [1, 0.5, 0.2]) {
    const expected = qTot.reduce((acc, q, k) => acc + ((y[k] - q < 0 ? h : 1) * (y[k] - q)) ** 2, 0) / qTot.length;
    assertClose([make(h).loss(batch).item()], [expected], 1e-4);
  }
});

test('an update changes the online nets, moves the targets by Polyak, and returns a finite loss', () => {
  const learner = new AvfLearner(resolveConfig({ algo: 'avf-qplex', env: 'bp-10', lr: 1e-2 }), FIG2_LAYOUT, new Rng(3), 'qplex');
  const before = learner.params[0].data.slice(), targetBefore = learner.targetParams[0].data.slice();
  const loss = learner.update(buildBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT, 'joint-macro'));
  assert.ok(loss !== null && Number.isFinite(loss));
  const moved = learner.params[0].data.map((v, k) => v - before[k]);
  const targetMoved = learner.targetParams[0].data.map((v, k) => v - targetBefore[k]);
  assert.ok(moved.some((v) => v !== 0));
  assertClose(targetMoved, moved.map((v) => 0.005 * v), 1e-6);
});

test('a batch of windows of different decision counts (packed unroll) gives each record the targets and loss terms of its window alone, as the padded unroll does', () => {
  const buffer = new ReplayBuffer(4), rng = new Rng(7);
  for (let k = 0; k < 3; k++) buffer.push(fig2Episode(g, true, k === 2));
  fc.assert(fc.property(fc.constantFrom('avf-vdn', 'avf-qmix', 'avf-qplex') as fc.Arbitrary<'avf-vdn' | 'avf-qmix' | 'avf-qplex'>, fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 10 }), (algo, count, L) => {
    const learner = algorithm(algo).makeLearner(resolveConfig({ algo, env: 'bp-10', gamma: g, hidden: 8 }), FIG2_LAYOUT, new Rng(count)) as AvfLearner;
    const windows = buffer.sampleWindows(count, rng, L, true)!;
    const batch = buildBatch(windows, L, FIG2_LAYOUT, 'joint-macro');
    if (batch.R === 0) return;
    const single = windows.map((w) => buildBatch([w], L, FIG2_LAYOUT, 'joint-macro')).filter((b) => b.R > 0);
    assertClose(learner.tdTargets(batch), single.flatMap((b) => Array.from(learner.tdTargets(b))), 1e-5);
    const loss = noGrad(() => learner.loss(batch).item());
    const weighted = single.reduce((acc, b) => acc + noGrad(() => learner.loss(b).item()) * b.R, 0) / batch.R;
    assertClose([loss], [weighted], 1e-4);
    const padded = buildBatch(windows, L, FIG2_LAYOUT, 'joint-macro', 'padded');
    assertClose(learner.tdTargets(padded), learner.tdTargets(batch), 1e-5);
    assertClose([noGrad(() => learner.loss(padded).item())], [loss], 1e-5);
  }), { numRuns: 40 });
});

test.run();
