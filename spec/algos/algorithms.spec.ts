import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig, resolveConfig } from '../../algos/algorithms.ts';
import { epsilonAt } from '../../algos/acting/schedules.ts';

const test = suite('algos/algorithms');

test('defaults follow specs/algorithms.md §9.1', () => {
  const bp = defaultConfig('avf-qmix', 'bp-10'), wtd = defaultConfig('avf-qplex', 'wtd-s'), vdn = defaultConfig('avf-vdn', 'ct-10');
  assert.equal([bp.lr, bp.gamma, bp.startTrain, bp.epsDecayEpisodes, bp.episodes], [5e-5, 0.99, 500, 6000, 40_000]);
  assert.equal([wtd.lr, wtd.gamma, wtd.startTrain, wtd.epsDecayEpisodes], [1e-4, 0.9, 2000, 10_000]);
  assert.equal([vdn.gamma, vdn.epsDecayEpisodes, vdn.episodes], [0.9, 4000, 20_000]);
  assert.equal([bp.batchSize, bp.windowLength, bp.bufferEpisodes, bp.polyak, bp.trainEvery, bp.gradClip], [64, 25, 2500, 0.995, 25, 10]);
  assert.is(defaultConfig('avf-qmix', 'wtd-t1').episodes, 80_000);
});

test('bad values and unknown fields are named; synchronous baselines force the primitive env', () => {
  assert.throws(() => resolveConfig({ algo: 'avf-qmix', env: 'bp-10', gamma: 2 }), /gamma must be a number in \[0, 1\]/);
  assert.throws(() => resolveConfig({ algo: 'avf-qmix', env: 'bp-10', batchSize: 0 }), /batchSize must be a positive integer/);
  assert.throws(() => resolveConfig({ algo: 'avf-qmix', env: 'bp-10', stateMode: 'x' as never }), /stateMode must be one of joint-macro, real, terminated-macro/);
  assert.throws(() => resolveConfig({ algo: 'avf-x' as never, env: 'bp-10' }), /unknown algo 'avf-x'/);
  assert.throws(() => resolveConfig({ algo: 'avf-qmix', env: 'bp-10', colour: 1 } as never), /unknown field 'colour'/);
  assert.is(resolveConfig({ algo: 'qmix', env: 'bp-10' }).primitive, true);
});

test('ε stays at its start until startTrain episodes, then decays linearly to its end', () => {
  const c = resolveConfig({ algo: 'avf-qmix', env: 'bp-10', startTrain: 100, epsDecayEpisodes: 200 });
  assert.equal([epsilonAt(c, 0), epsilonAt(c, 99), epsilonAt(c, 100), epsilonAt(c, 200), epsilonAt(c, 300), epsilonAt(c, 5000)], [1, 1, 1, 0.525, 0.05, 0.05]);
});

test.run();
