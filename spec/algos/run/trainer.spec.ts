// The training loop's options that change what a run does, not how a learner learns: when updates happen
// (trainCounter) and which Box Pushing reward set the env uses (rewards).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../../../algos/algorithms.ts';
import type { TrainConfig } from '../../../algos/config.ts';
import { Trainer, envFor } from '../../../algos/run/trainer.ts';
import { makeEnv } from '../../../envs/index.ts';
import { Rng } from '../../../lib/rng.ts';

const test = suite('algos/trainer');
const small: Partial<TrainConfig> = {
  algo: 'avf-vdn', env: 'bp-10', startTrain: 2, batchSize: 4, windowLength: 6, hidden: 8, episodes: 12, evalEvery: 1000,
};

/** Episode lengths and the updates asked for during each episode. */
function updatesPerEpisode(config: TrainConfig): { lengths: number[]; calls: number[] } {
  const trainer = new Trainer(config, (c) => makeEnv(c.env, { gridSize: 8, horizon: 23 }));
  let calls = 0;
  const trainOn = trainer.learner.trainOn.bind(trainer.learner);
  trainer.learner.trainOn = (windows, L) => { calls++; return trainOn(windows, L); };
  const lengths: number[] = [], perEpisode: number[] = [];
  while (!trainer.done) {
    const before = calls, steps = trainer.counters.envSteps;
    trainer.collectEpisode();
    trainer.trainIfDue();
    lengths.push(trainer.counters.envSteps - steps);
    perEpisode.push(calls - before);
  }
  return { lengths, calls: perEpisode };
}

test("trainCounter: 'global' updates at multiples of trainEvery of the run's step count, 'episode' at t = 0, f, 2f, … of every episode (Alg. 1)", () => {
  for (const f of [1, 5, 7]) {
    const global = updatesPerEpisode(resolveConfig({ ...small, trainEvery: f }));
    let seen = 0;
    global.lengths.forEach((T, e) => {
      const expected = e < small.startTrain! ? 0 : Math.floor((seen + T) / f) - Math.floor(seen / f);
      assert.is(global.calls[e], expected, `global f=${f} episode ${e}`);
      seen += T;
    });
    const episode = updatesPerEpisode(resolveConfig({ ...small, trainEvery: f, trainCounter: 'episode' }));
    episode.lengths.forEach((T, e) => assert.is(episode.calls[e], e < small.startTrain! ? 0 : Math.ceil(T / f), `episode f=${f} episode ${e}`));
  }
});

test("rewards 'appendix-d': Box Pushing pays 100 / 10 for the boxes instead of 300 / 20, penalties and step costs unchanged", () => {
  for (const env of ['bp-10', 'bp-20']) {
    const scripts = envFor(resolveConfig({ env, algo: 'avf-qmix' }));
    const appendix = envFor(resolveConfig({ env, algo: 'avf-qmix', rewards: 'appendix-d' }));
    const rng = new Rng(3), actions = new Int32Array(2);
    let terminals = 0;
    for (let episode = 0; episode < 40; episode++) {
      const seed = rng.int(1000);
      scripts.reset(seed);
      appendix.reset(seed);
      for (let t = 0; t < 100; t++) {
        for (let i = 0; i < 2; i++) actions[i] = rng.int(scripts.spec.nActions[i]);
        const a = scripts.step(actions), b = appendix.step(actions);
        assert.equal(Array.from(b.state), Array.from(a.state)); // the same world
        const diff = Math.round((a.reward - b.reward) * 1000) / 1000;
        if (!a.terminated) assert.is(diff, 0, `${env}: a non-terminal step's reward changed`);
        else {
          terminals++;
          // each small box 20 → 10, the big box 300 → 100
          assert.ok([10, 20, 200, 210, 220].includes(diff), `${env}: terminal reward difference ${diff}`);
          break;
        }
      }
    }
    assert.ok(terminals > 5, `${env}: only ${terminals} episodes delivered a box`);
  }
  assert.throws(() => resolveConfig({ env: 'wtd-s', algo: 'avf-qmix', rewards: 'appendix-d' }), /rewards 'appendix-d' is a Box Pushing reward set; wtd-s/);
  assert.throws(() => resolveConfig({ env: 'bp-10', algo: 'avf-qmix', rewards: 'app-d' as never }), /rewards must be one of scripts, appendix-d/);
});

test.run();
