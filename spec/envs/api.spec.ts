// The env contract every learner relies on (envs/macdec.ts, envs/base.ts, envs/index.ts): per-agent
// spaces, the mask of who must choose now, close(), and envs registered by users.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ENV_IDS, makeEnv, registerEnv, registeredEnvIds } from '../../envs/index.ts';
import { Rng } from '../../lib/rng.ts';
import { train } from '../../algos/run/runner.ts';
import { Agree } from '../_support/custom-env.ts';

const test = suite('envs/api');
const VARIANTS = ENV_IDS.flatMap((id) => [{ id, primitive: false }, { id, primitive: true }]);

test('spec.agents: one space per agent, matching obsDims, nActions and actionNames', () => {
  for (const { id, primitive } of VARIANTS) {
    const { spec } = makeEnv(id, { primitive });
    assert.is(spec.agents.length, spec.nAgents, id);
    spec.agents.forEach((a, i) => {
      assert.equal([a.obsDim, a.nActions, a.actionNames], [spec.obsDims[i], spec.nActions[i], spec.actionNames[i]], `${id} agent ${i}`);
      assert.equal([a.obsLow.length, a.obsHigh.length], [a.obsDim, a.obsDim]);
      a.obsLow.forEach((low, k) => assert.ok(low <= a.obsHigh[k], `${id} agent ${i} entry ${k}`));
    });
  }
});

test('every observation of a random rollout lies within the stated bounds; choosing is who acts next', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: VARIANTS.length - 1 }), fc.integer({ min: 0, max: 2 ** 30 }), (v, seed) => {
    const { id, primitive } = VARIANTS[v], env = makeEnv(id, { primitive, seed }), rng = new Rng(seed);
    const inBounds = (obs: Float32Array[]) => env.spec.agents.every((a, i) => Array.from(obs[i]).every((x, k) => x >= a.obsLow[k] && x <= a.obsHigh[k]));
    const start = env.reset();
    assert.equal(Array.from(start.choosing), new Array(env.spec.nAgents).fill(1));
    assert.ok(inBounds(start.obs), `${id} reset`);
    for (;;) {
      const out = env.step(env.spec.nActions.map((n) => rng.int(n)));
      assert.ok(inBounds(out.obs), `${id} step`);
      const ended = out.terminated || out.truncated;
      assert.equal(Array.from(out.choosing), ended ? new Array(env.spec.nAgents).fill(0) : Array.from(out.macDone), id);
      if (ended) return;
    }
  }), { numRuns: 40 });
});

test('close(): reset and step are errors afterwards; closing twice is allowed', () => {
  const env = makeEnv('bp-10');
  env.reset();
  env.close();
  env.close();
  assert.throws(() => env.reset(), /bp-10: the env is closed/);
  assert.throws(() => env.step([0, 0]), /bp-10: the env is closed/);
});

test('registerEnv: makeEnv and train() use a registered env; bad registrations are named', async () => {
  assert.ok(registeredEnvIds().includes('agree')); // registered by importing the module
  assert.ok(makeEnv('agree') instanceof Agree);
  const run = await train({ env: 'agree', algo: 'avf-vdn', episodes: 30, startTrain: 2, evalEvery: 10, batchSize: 8, windowLength: 5, trainEvery: 2, hidden: 8, lr: 1e-2 });
  assert.is(run.config.gamma, 0.9); // AVF-VDN's per-env defaults of ct-10 (defaultsOf)
  assert.is(run.envSteps, 150);
  assert.is(run.evalReturns.length, 3);
  assert.throws(() => registerEnv('bp-10', () => new Agree()), /'bp-10' is a built-in env/);
  assert.throws(() => registerEnv('my env', () => new Agree()), /id must be letters/);
  assert.throws(() => registerEnv('mine', () => new Agree(), { defaultsOf: 'agree' as never }), /defaultsOf must be a built-in env id/);
  assert.throws(() => makeEnv('nowhere'), /unknown env id 'nowhere' \(available: bp-10, .*agree\)/);
});

test.run();
