// Env steps/s of every variant under a uniformly random policy (policy time included, as in the
// reference measurement), against the reference Python's figures from golden/random_policy_stats.json.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { makeEnv, type EnvId, type EnvOptions } from '../envs/index.ts';
import { rollout, uniformPolicy } from '../envs/random-policy.ts';
import { Rng } from '../lib/rng.ts';
import { isMain, saveDerived, type BenchRow } from './_support.ts';

const REFERENCE = new URL('../../shared/golden/random_policy_stats.json', import.meta.url).pathname;

export const VARIANTS: Array<[string, EnvId, EnvOptions, string]> = [
  ['BP-10 macro', 'bp-10', {}, 'BP-10 macro, uniform random'],
  ['BP-10 primitive', 'bp-10', { primitive: true }, 'BP-10 primitive, uniform random'],
  ['BP-20 macro', 'bp-20', {}, 'BP-20 macro, uniform random'],
  ['BP-30 macro', 'bp-30', {}, 'BP-30 macro, uniform random'],
  ['WTD-S macro', 'wtd-s', {}, 'WTD-S macro, uniform random (horizon 150)'],
  ['WTD-D macro', 'wtd-d', {}, 'WTD-D macro, uniform random (horizon 150)'],
  ['WTD-T macro', 'wtd-t', {}, 'WTD-T macro, uniform random (horizon 150)'],
  ['WTD-T1 macro', 'wtd-t1', {}, 'WTD-T1 macro, uniform random (horizon 150)'],
  ['WTD-S primitive', 'wtd-s', { primitive: true }, ''],
  ['CT-10 macro', 'ct-10', {}, 'CT-10 macro, uniform random'],
  ['CT-10 primitive', 'ct-10', { primitive: true }, 'CT-10 primitive, uniform random'],
];

/** Steps per second over about `seconds` of whole episodes, after a warm-up. */
function stepsPerSecond(id: EnvId, options: EnvOptions, seconds: number): number {
  const env = makeEnv(id, options), rng = new Rng(0);
  rollout(env, uniformPolicy, 200, rng);
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) steps += rollout(env, uniformPolicy, 50, rng).steps;
  return steps / ((performance.now() - start) / 1000);
}

/** Measures one configuration in a fresh process, so earlier variants cannot make call sites polymorphic. */
function measureInChild(variant: number, withState: boolean, seconds: number): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, String(variant), String(withState), String(seconds)], { encoding: 'utf8' });
  const value = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isFinite(value)) throw new Error(`env bench child failed: ${r.stderr}`);
  return value;
}

/**
 * Two rows per variant: like for like with the reference (its step() does not build the global state;
 * learners call get_state() separately), and with the state built on every step as our API does by default.
 */
export function run(seconds = 2): BenchRow[] {
  const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')).results as Record<string, { steps_per_second: number }>;
  return VARIANTS.flatMap(([name, , , refName], k) => {
    const ref = reference[refName]?.steps_per_second;
    return [false, true].map((withState) => {
      const perSecond = measureInChild(k, withState, seconds);
      const ratio = ref === undefined ? '' : `, ${(perSecond / ref).toFixed(1)}× the reference (${Math.round(ref)} steps/s)`;
      const label = withState ? 'with state' : 'obs only, as the reference step()';
      return { suite: 'envs', name: `${name} (${label})${ratio}`, opsPerSec: perSecond, method: 'timed loop, uniform random policy' };
    });
  });
}

if (isMain(import.meta.url) && process.argv.length === 5) { // one measurement, for measureInChild
  const [, id, options] = VARIANTS[Number(process.argv[2])];
  console.log(stepsPerSecond(id, { ...options, withState: process.argv[3] === 'true' }, Number(process.argv[4])));
} else if (isMain(import.meta.url)) {
  const rows = run();
  for (const r of rows) console.log(`${Math.round(r.opsPerSec).toString().padStart(9)}  ${r.name}`);
  saveDerived('envs', rows);
}
