// The joint-head learner (the AVF path without factorization): targets on the Figure 2 records worked by
// hand with the conditional argmax, the loss against a direct recomputation from stepped trunks, its
// gradients against central differences, centralized acting with the run's state input, and a run on a
// coordination game that resumes exactly.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JointController } from '../../../algos/acting/joint-controller.ts';
import { algorithm, resolveConfig } from '../../../algos/algorithms.ts';
import { buildBatch } from '../../../algos/data/batch.ts';
import { JointAvfLearner } from '../../../algos/learners/avf-joint.ts';
import { train } from '../../../algos/run/runner.ts';
import { Tensor, noGrad } from '../../../autograd/tensor.ts';
import { Rng } from '../../../lib/rng.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';
import { assertGradcheck } from '../../_support/gradcheck.ts';
import { assertResumesExactly } from '../../_support/resume.ts';
import { assertClose } from '../../_support/tensors.ts';
import { Agree } from '../../_support/custom-env.ts';

const test = suite('algos/avf-joint-learner');
const g = 0.9;
const learnerFor = (extra: object = {}, seed = 1) =>
  new JointAvfLearner(resolveConfig({ algo: 'avf-joint', env: 'bp-10', gamma: g, hidden: 4, ...extra }), FIG2_LAYOUT, new Rng(seed));

test('targets: the online head picks among joint actions that keep running agents’ actions, the target head values it (worked by hand)', () => {
  const learner = learnerFor();
  for (const p of [...learner.params, ...learner.targetParams]) p.data.fill(0);
  learner.online.head.fc2.bias!.data.set([1, 4, 3, 2]); //    online Q over joint actions (0,0) (0,1) (1,0) (1,1)
  learner.target.head.fc2.bias!.data.set([10, 20, 30, 40]);
  const batch = buildBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT, 'joint-macro');
  assert.is(batch.R, 5); // records t0, t3, t5, t6, t9
  // t0: agent 0 runs 0, agent 1 ended -> (0,0)=1 or (0,1)=4: target 20; t3: agent 1 runs 0 -> (0,0)=1, (1,0)=3: 30;
  // t5: agent 0 runs 1 -> (1,0)=3, (1,1)=2: 30; t6: agent 1 runs 1 -> (0,1)=4, (1,1)=2: 20; t9: agent 1 runs 1: 20
  const next = [20, 30, 30, 20, 20];
  const y = learner.tdTargets(batch);
  assertClose(y, next.map((v, r) => batch.rJ[r] + g * batch.gJ[r] * (1 - batch.terminal[r]) * v), 1e-5);
  // the loss reads the online head at the running joint action: (0,1) (0,0) (1,0) (1,1) (0,1) -> 4 1 3 2 4
  const executed = [4, 1, 3, 2, 4];
  assertClose([learner.loss(batch).item()], [Array.from(y).reduce((a, v, r) => a + (v - executed[r]) ** 2, 0) / 5], 1e-5);
});

test('the loss equals a direct recomputation: trunks stepped decision by decision, the head on the macro-states of each record', () => {
  const learner = learnerFor({}, 4);
  const episode = fig2Episode(g);
  const batch = buildBatch([{ episode, start: 0 }], 10, FIG2_LAYOUT, 'joint-macro');
  // each agent's hidden state after each of its decisions, by stepping its trunk
  const hiddens = noGrad(() => learner.online.trunks.map((trunk, i) => {
    let h = new Tensor(new Float32Array(4), [1, 4]);
    const out: Float32Array[] = [];
    for (let k = 0; k < episode.decisions[i].length; k++) {
      h = trunk.step(new Tensor(episode.decisions[i].subarray(k, k + 1), [1, 1]), h);
      out.push(h.data.slice());
    }
    return out;
  }));
  const y = learner.tdTargets(batch);
  let expected = 0;
  for (let r = 0; r < batch.R; r++) {
    const hs = Float32Array.from([...hiddens[0][batch.current[0][r]], ...hiddens[1][batch.current[1][r]]]);
    const q = noGrad(() => learner.online.head.apply(new Tensor(hs, [1, 8]), new Tensor(batch.stateIn.subarray(2 * r, 2 * r + 2), [1, 2]))).data;
    expected += (y[r] - q[batch.action[0][r] * 2 + batch.action[1][r]]) ** 2 / batch.R;
  }
  assertClose([learner.loss(batch).item()], [expected], 1e-5);
  assert.equal(Array.from(batch.action[0]), [0, 0, 1, 1, 0]); // the running actions of agent 0 in Figure 2
});

test('gradients of the loss (with hysteresis) match central differences, through the head and every trunk', () => {
  const learner = learnerFor({}, 5);
  learner.hysteresis = 0.3;
  const rng = new Rng(6);
  for (const p of learner.params) if (p.shape.length === 1) for (let k = 0; k < p.size; k++) p.data[k] = rng.range(-0.5, 0.5); // away from ReLU kinks
  const batch = buildBatch([{ episode: fig2Episode(g), start: 1 }], 8, FIG2_LAYOUT, 'joint-macro');
  // the targets carry no graph: the online head only picks a*, the target nets are not among the params
  assertGradcheck(() => learner.loss(batch), learner.params, { step: 1e-2, atol: 2e-3 });
});

test('centralized acting: trunks step only for choosing agents, the macro-state input keeps a running agent’s state, running actions are kept', () => {
  const obs = [Float32Array.of(0.3), Float32Array.of(-0.2)], later = Float32Array.of(0.5);
  const zero = () => new Tensor(new Float32Array(4), [1, 4]);
  let byState = 0, byHidden = 0;
  for (let seed = 0; seed < 300 && (byState < 2 || byHidden < 2); seed++) {
    const learner = learnerFor({}, seed), { trunks, head } = learner.online;
    const controller = new JointController(learner.online, FIG2_LAYOUT.nActions, 1);
    const rng = new Rng(8), out = new Int32Array(2);
    controller.act(obs, [1, 1], 0, rng, out, Float32Array.of(-3));
    const first = out[0];
    // agent 1 alone chooses at state 3: the head must see agent 0's unchanged hidden state and macro-state −3
    const best = (h0: Float32Array, h1: Float32Array, s0: number) => {
      const q = noGrad(() => head.apply(new Tensor(Float32Array.from([...h0, ...h1]), [1, 8]), new Tensor(Float32Array.of(s0, 3), [1, 2]))).data;
      return q[first * 2] >= q[first * 2 + 1] ? 0 : 1;
    };
    const h0 = noGrad(() => trunks[0].step(new Tensor(obs[0], [1, 1]), zero())).data;
    const h0Again = noGrad(() => trunks[0].step(new Tensor(obs[0], [1, 1]), trunks[0].step(new Tensor(obs[0], [1, 1]), zero()))).data;
    const h1 = noGrad(() => trunks[1].step(new Tensor(later, [1, 1]), trunks[1].step(new Tensor(obs[1], [1, 1]), zero()))).data;
    const right = best(h0, h1, -3);
    const stateMatters = right !== best(h0, h1, 3), hiddenMatters = right !== best(h0Again, h1, -3);
    if (!stateMatters && !hiddenMatters) continue; // this seed cannot tell the inputs apart
    controller.act([obs[0], later], [0, 1], 0, rng, out, Float32Array.of(3));
    assert.equal(Array.from(out), [first, right], `seed ${seed}`);
    if (stateMatters) byState++;
    if (hiddenMatters) byHidden++;
  }
  assert.ok(byState >= 2 && byHidden >= 2, `seeds whose choice depends on the running agent's macro-state (${byState}) and hidden state (${byHidden})`);
  const controller = new JointController(learnerFor().online, FIG2_LAYOUT.nActions, 1), out = Int32Array.of(7, 7);
  controller.act(obs, [0, 0], 0, new Rng(1), out, Float32Array.of(10));
  assert.equal(Array.from(out), [7, 7], 'nobody chooses: nothing written');
  assert.throws(() => controller.act(obs, [1, 1], 0, new Rng(1), out), /needs the state/);
});

test('avf-joint learns the coordination game (+1 when both agree) and resumes exactly', async () => {
  const config = { algo: 'avf-joint' as const, env: 'bp-10', seed: 3, startTrain: 10, epsDecayEpisodes: 60, evalEvery: 10, batchSize: 8, windowLength: 5, trainEvery: 5, lr: 3e-3, hidden: 8 };
  const r = await train({ ...config, episodes: 150 }, { makeEnv: () => new Agree() });
  assert.equal(r.evalReturns.slice(-3).map(([, v]) => v), [5, 5, 5]);
  await assertResumesExactly(config, 40, { makeEnv: () => new Agree() });
  assert.throws(() => resolveConfig({ algo: 'avf-joint', stateMode: 'real' }), /only the joint macro-state gives at the decision/);
  assert.is(algorithm('avf-joint').makeActingNets(resolveConfig({ algo: 'avf-joint', env: 'bp-10' }), { ...FIG2_LAYOUT }, new Rng(0)).length, 3);
});

test.run();
