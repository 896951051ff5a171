// Mac-IAICC / Mac-IAISC (learners/mac-iaicc.ts, acting/policy-controller.ts): the ε-mixture
// log-probabilities against a direct computation, gradient checks of the critic and actor losses,
// sampling frequencies of the behaviour policy, exact resume, and a learning smoke test.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PolicyController } from '../../../algos/acting/policy-controller.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';
import { buildAgentRecords } from '../../../algos/data/pg-batch.ts';
import { MacIaiccLearner, type CriticKind } from '../../../algos/learners/mac-iaicc.ts';
import { train } from '../../../algos/run/runner.ts';
import { Trainer } from '../../../algos/run/trainer.ts';
import type { Episode } from '../../../algos/data/episode.ts';
import { Tensor, noGrad } from '../../../autograd/tensor.ts';
import { makeEnv } from '../../../envs/index.ts';
import { Rng } from '../../../lib/rng.ts';
import { uniformBatchSizes } from '../../../lib/kernels/packing.ts';
import { FIG2_LAYOUT, fig2Episode } from '../../_support/fig2.ts';
import { assertGradcheck } from '../../_support/gradcheck.ts';
import { assertResumesExactly } from '../../_support/resume.ts';
import '../../_support/custom-env.ts'; // registers 'agree'

const test = suite('algos/learners/mac-iaicc');
const g = 0.9;
const LAYOUT = { ...FIG2_LAYOUT, nActions: [3, 2] };

function learner(kind: CriticKind, seed = 1, extra = {}): MacIaiccLearner {
  const config = resolveConfig({ algo: kind === 'history' ? 'mac-iaicc' : 'mac-iaisc', env: 'bp-10', gamma: g, hidden: 4, mlpHidden: 4, criticHidden: 4, ...extra });
  return new MacIaiccLearner(config, LAYOUT, new Rng(seed), kind);
}
const episodes = () => [fig2Episode(g, false), fig2Episode(g, false, true)];

test('log π_ε equals log((1 − ε)·softmax(logits) + ε/|M|) computed directly', () => {
  for (const eps of [0, 0.3, 1]) {
    const l = learner('state');
    l.epsilon = eps;
    const records = buildAgentRecords(episodes(), LAYOUT, g, false);
    records.forEach((rec, i) => {
      const { logPi } = noGrad(() => l.logPolicy(i, rec));
      const E = 2, A = LAYOUT.nActions[i];
      const logits = noGrad(() => l.actors[i].unroll(new Tensor(rec.inputs, [rec.U * E, 1]), uniformBatchSizes(rec.U, E))).data;
      for (let r = 0; r < rec.R; r++) {
        const row = Array.from(logits.subarray(rec.row[r] * A, (rec.row[r] + 1) * A)), max = Math.max(...row);
        const z = row.reduce((a, x) => a + Math.exp(x - max), 0);
        const direct = Math.log((1 - eps) * (Math.exp(row[rec.action[r]] - max) / z) + eps / A);
        assert.ok(Math.abs(logPi.data[r] - direct) < 1e-5, `ε ${eps} agent ${i} record ${r}: ${logPi.data[r]} vs ${direct}`);
      }
    });
  }
});

for (const kind of ['history', 'state'] as const) {
  test(`${kind} critic: the critic loss and the actor loss (with entropy) match central differences`, () => {
    const l = learner(kind, 2, { entropyWeight: 0.1, nStep: 2 });
    l.epsilon = 0.2;
    // biases start at zero and the reset observation is 0: pre-activations of exactly 0 would sit on the
    // leaky ReLU's kink, where central differences average the two slopes
    const rng = new Rng(9);
    for (const p of l.params) if (p.shape.length === 1) for (let k = 0; k < p.size; k++) p.data[k] = rng.range(-0.5, 0.5);
    const eps = episodes(), records = buildAgentRecords(eps, LAYOUT, g, kind === 'state'), joint = l.jointInputs(eps);
    records.forEach((rec, i) => {
      const G = l.targetReturns(i, rec, joint);
      const critic = l.critics[i].parameters();
      assertGradcheck(() => l.criticLoss(i, rec, joint, G), critic, { step: 1e-2, atol: 2e-3 });
      const weights = Float32Array.from({ length: rec.R }, (_, r) => (rec.discount[r] * (r % 2 ? 1.5 : -0.7)) / rec.R);
      assertGradcheck(() => l.actorLoss(i, rec, weights), l.actors[i].parameters(), { step: 1e-2, atol: 2e-3 });
    });
  });
}

test('the behaviour policy samples the ε-mixture: with probability ε uniform, else from π', () => {
  const l = learner('state', 3);
  const net = l.actors[0], rng = new Rng(4), counts = [0, 0, 0], n = 20000, eps = 0.4;
  const controller = new PolicyController([net, l.actors[1]]), out = new Int32Array(2), obs = [Float32Array.of(0.5), Float32Array.of(0.5)];
  const logits = noGrad(() => net.step(new Tensor(obs[0], [1, 1]), new Tensor(new Float32Array(net.hidden), [1, net.hidden])).q).data;
  const max = Math.max(...logits), z = Array.from(logits).reduce((a, x) => a + Math.exp(x - max), 0);
  const expected = Array.from(logits, (x) => (1 - eps) * (Math.exp(x - max) / z) + eps / 3);
  for (let k = 0; k < n; k++) {
    controller.reset();
    controller.act(obs, [1, 0], eps, rng, out);
    counts[out[0]]++;
  }
  counts.forEach((c, a) => {
    const p = expected[a], se = Math.sqrt((p * (1 - p)) / n);
    assert.ok(Math.abs(c / n - p) < 5 * se, `action ${a}: ${c / n} vs ${p}`);
  });
});

test('each update trains on exactly the episodes of its round, in the order they finished (on-policy)', () => {
  const config = resolveConfig({ algo: 'mac-iaisc', env: 'bp-10', seed: 2, episodes: 12, parallelEnvs: 3, trainEveryEpisodes: 4, targetUpdateEveryEpisodes: 8, evalEvery: 12 });
  const trainer = new Trainer(config, () => makeEnv('bp-10', { gridSize: 8, horizon: 25 }));
  const seen: Episode[][] = [], handed: Episode[] = [];
  const trainOn = trainer.learner.trainOn.bind(trainer.learner);
  trainer.learner.trainOn = (windows, L) => {
    seen.push(windows.map((w) => w.episode));
    assert.ok(windows.every((w) => w.start === 0 && w.length === undefined), 'whole episodes');
    return trainOn(windows, L);
  };
  while (!trainer.done) {
    handed.push(trainer.collectEpisode());
    trainer.trainIfDue();
  }
  assert.is(seen.length, 3);
  seen.forEach((round, k) => assert.ok(round.length === 4 && round.every((e, j) => e === handed[4 * k + j]), `round ${k}`));
  assert.throws(() => resolveConfig({ algo: 'mac-iaicc', env: 'wtd-s', trainEveryEpisodes: 4, targetUpdateEveryEpisodes: 6 }), /must be a multiple of trainEveryEpisodes/);
});

const smallBp = { makeEnv: () => makeEnv('bp-10', { gridSize: 8, horizon: 40 }) };

test('a resumed run continues exactly, also from a checkpoint in the middle of a round', async () => {
  // rounds of 8 episodes; the checkpoint at episode 12 holds 4 episodes of the round not yet handed out
  await assertResumesExactly({ algo: 'mac-iaisc', env: 'bp-10', seed: 5, parallelEnvs: 8, trainEveryEpisodes: 8, evalEvery: 4, evalEpisodes: 2 }, 24, smallBp);
  await assertResumesExactly({ algo: 'mac-iaicc', env: 'wtd-s', seed: 6, parallelEnvs: 4, trainEveryEpisodes: 4, targetUpdateEveryEpisodes: 8, evalEvery: 4, evalEpisodes: 1, horizon: 40 }, 12, {});
});

test('both learn to coordinate on a small custom env (agree: +1 per step both agents pick the same side; random 2.5 ± 0.25 s.e. over 20 episodes, best 5)', async () => {
  for (const [algo, lr] of [['mac-iaicc', 3e-3], ['mac-iaisc', 3e-3]] as const) {
    const r = await train({
      algo, env: 'agree', seed: 0, episodes: 1600, epsDecayEpisodes: 320, epsEnd: 0.05, parallelEnvs: 16, trainEveryEpisodes: 16,
      targetUpdateEveryEpisodes: 32, evalEvery: 160, evalEpisodes: 20, lr, criticLr: lr,
    });
    const returns = r.evalReturns.map(([, v]) => v);
    assert.ok(Math.max(...returns.slice(-3)) >= 3.5, `${algo}: evaluation returns ${returns.map((v) => v.toFixed(2))}`);
  }
});

test.run();
