// Cen-MADDRQN: the joint-filtered sequence on the Figure 2 example, targets worked by hand with the
// conditional argmax, centralized acting that keeps running agents' actions, a resumable run.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CenController } from '../../../algos/acting/cen-controller.ts';
import { buildJointBatch } from '../../../algos/data/joint-batch.ts';
import { CenLearner } from '../../../algos/learners/cen-maddrqn.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';
import { makeEnv } from '../../../envs/index.ts';
import { Rng } from '../../../lib/rng.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';
import { assertClose } from '../../_support/tensors.ts';
import { assertResumesExactly } from '../../_support/resume.ts';

const test = suite('algos/cen-learner');
const g = 0.9;

test('joint sequence: the joint observation at the window start, then after every joint-valid step', () => {
  const b = buildJointBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT);
  assert.is(b.R, 5);
  assert.is(b.U, 6);
  // [agent 0 input, agent 1 input] per joint decision: start, after t0, t3, t5, t6, t9
  assert.equal(Array.from(b.inputs), [0, 0, 0, 1, 4, 1, 4, 6, 7, 6, 10, 6]);
  assert.equal(Array.from(b.current), [0, 1, 2, 3, 4]);
  assert.equal(Array.from(b.next), [1, 2, 3, 4, 5]);
  assert.equal(Array.from(b.action), [1, 0, 2, 3, 1]); // (0,1), (0,0), (1,0), (1,1), (0,1) with agent 0 most significant
});

test('targets use the conditional argmax of the online net, valued by the target net (worked by hand)', () => {
  const learner = new CenLearner(resolveConfig({ algo: 'cen-maddrqn', env: 'bp-10', gamma: g }), FIG2_LAYOUT, new Rng(1));
  for (const p of [...learner.params, ...learner.targetParams]) p.data.fill(0);
  learner.net.fc4.bias!.data.set([1, 4, 3, 2]); //    online Q over joint actions (0,0) (0,1) (1,0) (1,1)
  learner.target.fc4.bias!.data.set([10, 20, 30, 40]);
  learner.hysteresis = 1;
  const b = buildJointBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT);
  // t0: agent 0 runs action 0, agent 1 ended: best of (0,0)=1, (0,1)=4 -> (0,1), target 20
  // t3: agent 0 ended, agent 1 runs 0: (0,0)=1, (1,0)=3 -> (1,0), target 30
  // t5: agent 0 runs 1, agent 1 ended: (1,0)=3, (1,1)=2 -> (1,0), 30. t6: agent 0 ended, agent 1 runs 1: (0,1)=4 -> 20. t9: same -> 20
  const rJ = [1, 2 + g * 3 + g * g * 4, 5 + g * 6, 7, 8 + g * 9 + g * g * 10], tau = [1, 3, 2, 1, 3], next = [20, 30, 30, 20, 20];
  const executed = [4, 1, 3, 2, 4]; // online Q of the executed joint actions (0,1) (0,0) (1,0) (1,1) (0,1)
  const y = rJ.map((r, k) => r + g ** tau[k] * next[k]);
  assertClose([learner.loss(b).item()], [y.reduce((acc, v, k) => acc + (v - executed[k]) ** 2, 0) / 5], 1e-5);
});

test('centralized acting keeps the running agents’ actions and steps the GRU only when someone chooses', () => {
  const learner = new CenLearner(resolveConfig({ algo: 'cen-maddrqn', env: 'bp-10' }), FIG2_LAYOUT, new Rng(2));
  for (const p of learner.params) p.data.fill(0);
  learner.net.fc4.bias!.data.set([0, 0, 0, 9]); // (1,1) is best overall
  const controller = new CenController(learner.net, FIG2_LAYOUT.nActions), out = new Int32Array(2), rng = new Rng(3);
  const obs = [Float32Array.of(0), Float32Array.of(0)];
  controller.act(obs, [1, 1], 0, rng, out);
  assert.equal(Array.from(out), [1, 1]);
  learner.net.fc4.bias!.data.set([0, 9, 5, 0]); // (0,1) is best overall, but agent 0 still runs action 1
  controller.act(obs, [0, 1], 0, rng, out);
  assert.equal(Array.from(out), [1, 0]); // among (1,0)=5 and (1,1)=0, keeping agent 0's action 1
  out.fill(7);
  controller.act(obs, [0, 0], 0, rng, out);
  assert.equal(Array.from(out), [7, 7], 'nobody chooses: nothing written');
});

test('Cen-MADDRQN trains on a small Box Pushing grid and resumes exactly', async () => {
  await assertResumesExactly(
    { algo: 'cen-maddrqn', env: 'bp-10', seed: 2, startTrain: 10, epsDecayEpisodes: 40, evalEvery: 10, targetUpdateEvery: 100, batchSize: 16 },
    40, { makeEnv: () => makeEnv('bp-10', { gridSize: 8, horizon: 40 }) },
  );
});

test.run();
