// Random-policy statistics of every variant against the reference's (golden/random_policy_stats.json):
// mean return within 4 combined standard errors, mean length within 4% (or 2 steps).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { makeEnv, type EnvId, type EnvOptions } from '../../envs/index.ts';
import { constantPolicy, rollout, uniformPolicy, type Policy } from '../../envs/random-policy.ts';
import { Rng } from '../../lib/rng.ts';
import { GOLDEN_DIR } from '../_support/golden.ts';

const test = suite('envs/random-policy');
const reference = JSON.parse(readFileSync(`${GOLDEN_DIR}random_policy_stats.json`, 'utf8')).results as Record<string, {
  episodes: number; mean_return: number; stderr_return: number; mean_length: number;
}>;

/**
 * The reference's greedy primitive CT policy: step towards the last target cell seen (plain Euclidean
 * distance from each wrapped neighbour cell, lowest index on ties), STAY until the target was seen.
 */
function greedyTowardsLastSeen(n: number, L = 10): Policy {
  const lastX = new Float64Array(n), lastY = new Float64Array(n);
  const DX = [0, 0, -1, 1, 0], DY = [1, -1, 0, 0, 0], scale = (L - 1) / 2;
  return {
    reset: () => { lastX.fill(NaN); lastY.fill(NaN); },
    act(_env, obs, out) {
      for (let i = 0; i < n; i++) {
        const o = obs[i];
        if (o[2] !== -1) { lastX[i] = Math.round(o[2] * scale); lastY[i] = Math.round(o[3] * scale); }
        if (Number.isNaN(lastX[i])) { out[i] = 4; continue; }
        const x = Math.round(o[0] * scale), y = Math.round(o[1] * scale);
        let best = 0, bestD = Infinity;
        for (let d = 0; d < 5; d++) {
          const ex = lastX[i] - ((x + DX[d] + L) % L), ey = lastY[i] - ((y + DY[d] + L) % L);
          const dist = Math.sqrt(ex * ex + ey * ey);
          if (dist < bestD) { bestD = dist; best = d; }
        }
        out[i] = best;
      }
    },
  };
}

const cases: Array<[string, EnvId, EnvOptions, Policy?, number?]> = [
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
  ['CT-10 macro, uniform random', 'ct-10', { seed: 1 }, uniformPolicy, 4000],
  ['CT-10 macro, always Move_To_Target', 'ct-10', { seed: 2 }, constantPolicy(0), 4000],
  ['CT-10 primitive, uniform random', 'ct-10', { primitive: true, seed: 3 }, uniformPolicy, 2000],
  ['CT-10 primitive, greedy towards last seen target (deterministic given obs)', 'ct-10', { primitive: true, seed: 4 }, greedyTowardsLastSeen(10), 4000],
];

for (const [name, id, options, policy = uniformPolicy, episodes] of cases) {
  test(`${name}: agrees with the reference within sampling error`, () => {
    const ref = reference[name];
    assert.ok(ref, `no reference statistics for ${name}`);
    const stats = rollout(makeEnv(id, options), policy, episodes ?? ref.episodes, new Rng(1234));
    const se = Math.hypot(stats.stderrReturn, ref.stderr_return);
    assert.ok(Math.abs(stats.meanReturn - ref.mean_return) <= Math.max(4 * se, 1e-9),
      `mean return ${stats.meanReturn.toFixed(2)} vs ${ref.mean_return.toFixed(2)} (combined s.e. ${se.toFixed(2)})`);
    assert.ok(Math.abs(stats.meanLength - ref.mean_length) < Math.max(2, 0.04 * ref.mean_length),
      `mean length ${stats.meanLength.toFixed(1)} vs ${ref.mean_length.toFixed(1)}`);
  });
}

test.run();
