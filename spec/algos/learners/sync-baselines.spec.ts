// The synchronous baselines' pieces (specs/algorithms.md §8, §9.3): pymarl agent inputs, one shared
// net seen per agent through its own actions, the one-step case of the AVF buffer, and a short run on a
// heterogeneous env.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AgentNet } from '../../../algos/nets/agent-net.ts';
import { AgentInputs } from '../../../algos/data/agent-inputs.ts';
import { buildBatch } from '../../../algos/data/batch.ts';
import { epsilonAt } from '../../../algos/acting/schedules.ts';
import { resolveConfig } from '../../../algos/algorithms.ts';
import { EpisodeBuilder } from '../../../algos/data/episode.ts';
import { train } from '../../../algos/run/runner.ts';
import { makeUtilityNets, uniqueParameters } from '../../../algos/nets/shared-net.ts';
import { Tensor, zeros } from '../../../autograd/tensor.ts';
import { makeEnv } from '../../../envs/index.ts';
import { Rng } from '../../../lib/rng.ts';

const test = suite('algos/sync-baselines');

test('agent inputs: observation padded to the longest, last executed action one-hot, agent id one-hot', () => {
  const env = new AgentInputs(makeEnv('wtd-s'), { lastAction: true, agentId: true });
  assert.equal(env.spec.obsDims, [13 + 6 + 3, 22, 22]);
  const { obs } = env.reset();
  assert.equal(Array.from(obs[2].slice(13)), [0, 0, 0, 0, 0, 0, 0, 0, 1]); // no last action yet; agent 2
  const out = env.step([1, 2, 4]);
  assert.equal(Array.from(out.obs[2].slice(13)), [0, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.equal(Array.from(out.obs[0].slice(13)), [0, 1, 0, 0, 0, 0, 1, 0, 0]);
  assert.equal(Array.from(out.obs[2].slice(5, 13)), new Array(8).fill(0), 'the manipulator observation is zero-padded');
});

test('a shared net is one set of parameters; each agent sees only its own actions', () => {
  const rng = new Rng(1);
  const nets = makeUtilityNets([4, 4, 4], [3, 3, 6], true, (O, A) => new AgentNet(O, A, 8, rng));
  assert.is(uniqueParameters(nets).length, nets[0].parameters().length);
  const x = new Tensor(Float32Array.of(1, 2, 3, 4), [1, 4]);
  const q0 = nets[0].step(x, zeros([1, 8])).q, q2 = nets[2].step(x, zeros([1, 8])).q;
  assert.equal(q0.shape, [1, 3]);
  assert.equal(Array.from(q0.data), Array.from(q2.data.slice(0, 3)));
  assert.is(makeUtilityNets([4, 5], [3, 6], false, (O, A) => new AgentNet(O, A, 8, rng)).length, 2);
});

test('the one-step case: on a primitive env every step is kept with τ = 1, rJ = r, and the joint macro-state is n copies of s_t', () => {
  const env = makeEnv('bp-10', { primitive: true });
  const builder = new EpisodeBuilder(env.spec, 100, 0.99, true);
  const start = env.reset();
  builder.begin(start.obs, start.state);
  const rewards: number[] = [];
  for (let t = 0; t < 6; t++) {
    const out = env.step([t % 4, (t + 1) % 4]);
    builder.add(out);
    rewards.push(out.reward);
  }
  const batch = buildBatch([{ episode: builder.finish(), start: 0 }], 6, env.spec, 'joint-macro');
  assert.is(batch.R, 6);
  assert.equal(Array.from(batch.gJ), new Array(6).fill(1));
  assert.equal(Array.from(batch.rJ), rewards.map(Math.fround));
  for (let r = 0; r < 6; r++) {
    const s = Array.from(batch.stateIn.subarray(r * 36, r * 36 + 36));
    assert.equal(s.slice(0, 18), s.slice(18), 'both agents hold s_t');
    assert.equal([batch.current[0][r], batch.next[0][r]], [r, r + 1]);
  }
});

test('defaults: RMSprop 5e-4, real state, shared net with last action and id, whole episodes, ε over 50k steps', () => {
  const c = resolveConfig({ algo: 'qplex', env: 'wtd-s' });
  assert.equal([c.optimizer, c.lr, c.optimizerEps, c.stateMode, c.shareParameters, c.lastActionInput, c.agentIdInput, c.wholeEpisodes, c.batchSize, c.targetUpdateEveryEpisodes, c.primitive],
    ['rmsprop', 5e-4, 1e-5, 'real', true, true, true, true, 32, 200, true]);
  assert.equal([epsilonAt(c, 0, 0), epsilonAt(c, 0, 25_000), epsilonAt(c, 0, 50_000)], [1, 0.525, 0.05]);
  assert.is(resolveConfig({ algo: 'qplex', env: 'bp-10' }).qplexHeads, 10);
});

test('synchronous QPLEX trains on primitive WTD-S (heterogeneous agents: padded inputs, masked actions) and is deterministic', async () => {
  const config = { algo: 'qplex' as const, env: 'wtd-s' as const, episodes: 6, startTrain: 2, batchSize: 2, evalEvery: 3, evalEpisodes: 1, horizon: 40, seed: 3 };
  const a = await train(config), b = await train(config);
  assert.ok(a.updates > 0);
  assert.equal(a.evalReturns, b.evalReturns);
  assert.is(a.envSteps, b.envSteps);
});

test.run();
