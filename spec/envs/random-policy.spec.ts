// Random-policy statistics of every variant against the reference's (golden/random_policy_stats.json):
// mean return within 4 combined standard errors, mean length within 4% (or 2 steps).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { makeEnv, type EnvId, type EnvOptions } from '../../envs/index.ts';
import { rollout, uniformPolicy } from '../../envs/random-policy.ts';
import { Rng } from '../../lib/rng.ts';
import { GOLDEN_DIR } from '../_support/golden.ts';

const test = suite('envs/random-policy');
const reference = JSON.parse(readFileSync(`${GOLDEN_DIR}random_policy_stats.json`, 'utf8')).results as Record<string, {
  episodes: number; mean_return: number; stderr_return: number; mean_length: number;
}>;

const cases: Array<[string, EnvId, EnvOptions]> = [
  ['BP-10 macro, uniform random', 'bp-10', {}],
  ['BP-10 primitive, uniform random', 'bp-10', { primitive: true }],
  ['BP-20 macro, uniform random', 'bp-20', {}],
  ['BP-20 primitive, uniform random', 'bp-20', { primitive: true }],
  ['BP-30 macro, uniform random', 'bp-30', {}],
  ['BP-30 primitive, uniform random', 'bp-30', { primitive: true }],
  ['WTD-S macro, uniform random (horizon 150)', 'wtd-s', {}],
  ['WTD-D macro, uniform random (horizon 150)', 'wtd-d', {}],
  ['WTD-T macro, uniform random (horizon 150)', 'wtd-t', {}],
  ['WTD-T1 macro, uniform random (horizon 150)', 'wtd-t1', {}],
];

for (const [name, id, options] of cases) {
  test(`${name}: agrees with the reference within sampling error`, () => {
    const ref = reference[name];
    assert.ok(ref, `no reference statistics for ${name}`);
    const stats = rollout(makeEnv(id, options), uniformPolicy, ref.episodes, new Rng(1234));
    const se = Math.hypot(stats.stderrReturn, ref.stderr_return);
    assert.ok(Math.abs(stats.meanReturn - ref.mean_return) < 4 * se,
      `mean return ${stats.meanReturn.toFixed(2)} vs ${ref.mean_return.toFixed(2)} (combined s.e. ${se.toFixed(2)})`);
    assert.ok(Math.abs(stats.meanLength - ref.mean_length) < Math.max(2, 0.04 * ref.mean_length),
      `mean length ${stats.meanLength.toFixed(1)} vs ${ref.mean_length.toFixed(1)}`);
  });
}

test.run();
