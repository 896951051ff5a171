// Dec-MADDRQN: per-agent targets worked by hand on the Figure 2 records, the per-agent filter,
// hysteresis, hard target copies, and a resumable training run.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildBatch } from '../../../algos/data/batch.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';
import { DecLearner } from '../../../algos/learners/dec-maddrqn.ts';
import { makeEnv } from '../../../envs/index.ts';
import { Rng } from '../../../lib/rng.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';
import { assertClose } from '../../_support/tensors.ts';
import { assertResumesExactly } from '../../_support/resume.ts';

const test = suite('algos/dec-learner');
const g = 0.9;

function constantLearner(online: number[][], target: number[][]) {
  const learner = new DecLearner(resolveConfig({ algo: 'dec-maddrqn', env: 'bp-10', gamma: g }), FIG2_LAYOUT, new Rng(1));
  for (const p of [...learner.params, ...learner.targetParams]) p.data.fill(0);
  learner.nets.forEach((n, i) => n.fc4.bias!.data.set(online[i]));
  learner.targets.forEach((n, i) => n.fc4.bias!.data.set(target[i]));
  return learner;
}

test('per-agent targets on the Figure 2 records: own reward, own duration, own next decision', () => {
  const learner = constantLearner([[1, 2], [3, 0]], [[5, 7], [4, 6]]);
  learner.hysteresis = 1;
  const batch = buildBatch([{ episode: fig2Episode(g), start: 0 }], 10, FIG2_LAYOUT, 'joint-macro');
  const r = (t: number) => t + 1;
  // agent 0 ends at t3 (ran t0..t3), t6 (t4..t6), t9 (t7..t9); its online argmax is 1, target value 7
  const own0 = [r(0) + g * r(1) + g * g * r(2) + g ** 3 * r(3), r(4) + g * r(5) + g * g * r(6), r(7) + g * r(8) + g * g * r(9)];
  const y0 = own0.map((acc, k) => acc + g * [g ** 3, g ** 2, g ** 2][k] * 7);
  const q0 = [1, 2, 1]; // online Q of the executed actions 0, 1, 0
  const expected0 = q0.reduce((acc, q, k) => acc + (y0[k] - q) ** 2, 0) / 3;
  const { loss, count } = learner.agentLoss(batch, 0);
  assert.is(count, 3);
  assertClose([loss.item()], [expected0], 1e-5);
  // agent 1 ends at t0 (r0) and t5 (t1..t5); online argmax 0, target value 4
  const y1 = [r(0) + g * 4, r(1) + g * r(2) + g * g * r(3) + g ** 3 * r(4) + g ** 4 * r(5) + g * g ** 4 * 4];
  const q1 = [0, 3]; // online Q of the executed actions 1, 0
  const agent1 = learner.agentLoss(batch, 1);
  assert.is(agent1.count, 2);
  assertClose([agent1.loss.item()], [((y1[0] - q1[0]) ** 2 + (y1[1] - q1[1]) ** 2) / 2], 1e-5);
});

test('hard target copies happen every targetUpdateEvery env steps, not in between', () => {
  const learner = new DecLearner(resolveConfig({ algo: 'dec-maddrqn', env: 'bp-10', targetUpdateEvery: 10 }), FIG2_LAYOUT, new Rng(2));
  learner.params[0].data[0] += 1;
  learner.afterEnvStep(9);
  assert.ok(learner.targetParams[0].data[0] !== learner.params[0].data[0]);
  learner.afterEnvStep(10);
  assert.is(learner.targetParams[0].data[0], learner.params[0].data[0]);
});

test('Dec-MADDRQN trains on a small Box Pushing grid and resumes from its checkpoint exactly', async () => {
  await assertResumesExactly(
    { algo: 'dec-maddrqn', env: 'bp-10', seed: 1, startTrain: 10, epsDecayEpisodes: 40, hysteresisEpisodes: 40, evalEvery: 10, targetUpdateEvery: 100 },
    40, { makeEnv: () => makeEnv('bp-10', { gridSize: 8, horizon: 40 }) },
  );
});

test('defaults follow §9.2 (BP-10: 32 traces of 14 steps, lr 1e-3, γ 0.98, h 0.2→0.4; WTD: whole episodes)', () => {
  const bp = resolveConfig({ algo: 'dec-maddrqn', env: 'bp-10' }), wtd = resolveConfig({ algo: 'dec-maddrqn', env: 'wtd-d' });
  assert.equal([bp.batchSize, bp.windowLength, bp.trainEvery, bp.lr, bp.gamma, bp.hysteresisStart, bp.hysteresisEnd, bp.targetUpdateEvery, bp.hidden], [32, 14, 14, 1e-3, 0.98, 0.2, 0.4, 5000, 32]);
  assert.equal([wtd.wholeEpisodes, wtd.batchSize, wtd.trainEvery, wtd.gamma, wtd.startTrain], [true, 64, 128, 1, 2000]);
});

test.run();
